package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.PromptViewModel;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The sampling settings as label → field rows (two pairs per row), each with a tooltip giving its
 * Hugging Face {@code generate()} meaning. "greedy" disables the fields that only matter when
 * sampling; the repetition penalty and max tokens apply to greedy decoding too.
 */
final class SamplingGrid extends GridPane {
    private static final String EDITOR = "-fx-padding: 4 4 4 6";

    SamplingGrid(PromptViewModel vm) {
        setId("sampling");
        setHgap(8);
        setVgap(6);
        CheckBox greedy = new CheckBox("greedy (always the most likely token)");
        greedy.setId("greedy");
        greedy.selectedProperty().bindBidirectional(vm.greedyProperty());
        greedy.setTooltip(tip("do_sample=False: every step takes the argmax (after the repetition penalty); "
                + "temperature, top-k, top-p, min-p and seed are not used. Off: do_sample=True."));
        Spinner<Double> temperature = doubles("temperature", 0.0, 2.0, 0.1, vm.temperatureProperty());
        Spinner<Integer> topK = ints("topK", 0, 1000, 1, vm.topKProperty());
        Spinner<Double> topP = doubles("topP", 0.01, 1.0, 0.05, vm.topPProperty());
        Spinner<Double> minP = doubles("minP", 0.0, 1.0, 0.01, vm.minPProperty());
        Spinner<Double> penalty = doubles("repetitionPenalty", 0.1, 3.0, 0.05, vm.repetitionPenaltyProperty());
        TextField seed = new TextField();
        seed.setId("seed");
        seed.setPromptText("random");
        seed.setPrefColumnCount(5);
        seed.setMinWidth(50);
        seed.textProperty().bindBidirectional(vm.seedProperty());
        Spinner<Integer> maxTokens = ints("maxTokens", 1, 32768, 16, vm.maxTokensProperty());
        for (Node n : new Node[] {temperature, topK, topP, minP, seed}) {
            n.disableProperty().bind(vm.greedyProperty());
        }
        add(greedy, 0, 0, 4, 1);
        setHalignment(greedy, HPos.LEFT);
        pair(0, 1, "temperature", temperature, "temperature: logits are divided by it before top-k/top-p/min-p. "
                + "1 leaves them unchanged, lower is more focused, higher more varied; 0 means greedy.");
        pair(2, 1, "top-k", topK, "top_k: keep only the k most likely tokens (ties at the k-th kept); 0 turns it off.");
        pair(0, 2, "top-p", topP, "top_p (nucleus): keep the most likely tokens whose probabilities add up to p; 1 turns it off.");
        pair(2, 2, "min-p", minP, "min_p: drop tokens less likely than min-p times the most likely one; 0 turns it off.");
        pair(0, 3, "repetition penalty", penalty, "repetition_penalty (CTRL): logits of every token already in the prompt "
                + "or the answer are divided (positive) or multiplied (negative) by it; 1 turns it off, above 1 discourages repeats. "
                + "Applies to greedy decoding too.");
        pair(2, 3, "seed", seed, "Random seed for sampling: the same seed and settings repeat the same answer "
                + "(Glimpse's own random stream, not torch's). Empty: a new random seed each run.");
        pair(0, 4, "max new tokens", maxTokens, "max_new_tokens: the most tokens the answer may have; it also ends at the model's stop tokens. "
                + "The token ledger keeps this many free for the answer (the same setting).");
        ColumnConstraints label = new ColumnConstraints();
        label.setHalignment(HPos.RIGHT);
        ColumnConstraints field = new ColumnConstraints();
        field.setHgrow(Priority.SOMETIMES);
        getColumnConstraints().addAll(label, field, label, field);
    }

    private void pair(int col, int row, String text, Node field, String meaning) {
        Label l = new Label(text);
        l.setLabelFor(field);
        Tooltip t = tip(meaning);
        l.setTooltip(t);
        if (field instanceof Spinner<?> s) {
            s.setTooltip(t);
        } else if (field instanceof TextField f) {
            f.setTooltip(t);
        }
        l.setMinWidth(Region.USE_PREF_SIZE); // the fields give way, never the labels
        add(l, col, row);
        add(field, col + 1, row);
    }

    private static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(360);
        t.setShowDelay(Duration.millis(300));
        return t;
    }

    private static Spinner<Double> doubles(String id, double min, double max, double step, DoubleProperty p) {
        Spinner<Double> s = sized(id, new Spinner<>(min, max, p.get(), step));
        s.valueProperty().addListener((o, a, b) -> p.set(b));
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.doubleValue()));
        return s;
    }

    private static Spinner<Integer> ints(String id, int min, int max, int step, IntegerProperty p) {
        Spinner<Integer> s = sized(id, new Spinner<>(min, max, p.get(), step));
        s.valueProperty().addListener((o, a, b) -> p.set(b));
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.intValue()));
        return s;
    }

    /** Editable, narrow and with a small editor padding: a 70 px spinner still shows "4096". */
    private static <T> Spinner<T> sized(String id, Spinner<T> s) {
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(84);
        s.setMinWidth(70);
        s.getEditor().setStyle(EDITOR);
        return s;
    }
}
