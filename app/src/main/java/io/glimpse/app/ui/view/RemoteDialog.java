package io.glimpse.app.ui.view;

import io.glimpse.app.remote.RemoteConnection;
import io.glimpse.app.remote.RemoteEndpoint;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * "Remote…": asks for an OpenAI-compatible server's URL, API key and model, with a connection test
 * ({@code GET /v1/models}, on a worker thread); the logic is {@link RemoteConnection}'s.
 */
final class RemoteDialog {
    private RemoteDialog() {
    }

    /** The endpoint to answer on, or empty when cancelled. */
    static Optional<RemoteEndpoint> show(Window owner) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Remote endpoint");
        d.setHeaderText("Answer on an OpenAI-compatible server (vLLM, llama.cpp, glimpse serve).\n"
                + "Images go as the original files and videos as the sampled frames: AnyRes is then the server's job.");
        TextField url = new TextField("http://127.0.0.1:8000/v1");
        url.setId("remoteUrl");
        url.setPrefColumnCount(30);
        PasswordField key = new PasswordField();
        key.setId("remoteKey");
        TextField model = new TextField();
        model.setId("remoteModel");
        model.setPromptText("the first one the server lists");
        Label status = new Label();
        status.setId("remoteStatus");
        status.setWrapText(true);
        status.setMaxWidth(460);
        Button test = new Button("Test connection");
        test.setId("remoteTest");
        test.setOnAction(e -> {
            RemoteEndpoint endpoint;
            try {
                endpoint = RemoteConnection.endpoint(url.getText(), key.getText(), model.getText());
            } catch (IllegalArgumentException bad) {
                status.setText(bad.getMessage());
                return;
            }
            status.setText("connecting…");
            test.setDisable(true);
            Thread t = new Thread(() -> {
                RemoteConnection.Test r = RemoteConnection.test(endpoint);
                Platform.runLater(() -> {
                    status.setText(r.text());
                    if (r.ok() && model.getText().isBlank()) {
                        model.setText(r.models().get(0));
                    }
                    test.setDisable(false);
                });
            }, "glimpse-remote-test");
            t.setDaemon(true); // a dialog closed mid-test must not keep the process alive
            t.start();
        });
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("URL"), url);
        grid.addRow(1, new Label("API key"), key);
        grid.addRow(2, new Label("Model"), model);
        grid.add(test, 1, 3);
        grid.add(status, 0, 4, 2, 1);
        d.getDialogPane().setContent(grid);
        ButtonType use = new ButtonType("Use", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(use, ButtonType.CANCEL);
        while (true) {
            Optional<ButtonType> chosen = d.showAndWait();
            if (chosen.isEmpty() || chosen.get() != use) {
                return Optional.empty();
            }
            try {
                return Optional.of(RemoteConnection.endpoint(url.getText(), key.getText(), model.getText()));
            } catch (IllegalArgumentException bad) {
                status.setText(bad.getMessage()); // shown again with the reason
            }
        }
    }
}
