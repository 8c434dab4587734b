package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.WorkbenchViewModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.input.Clipboard;
import javax.imageio.ImageIO;

/** Copy: a message's raw text. Paste: files on the clipboard are added as they are; a bare picture is saved as a PNG in the temp folder first. */
final class Clipboards {
    private Clipboards() {
    }

    /** Puts {@code text} on the system clipboard as plain text. */
    static void copy(String text) {
        javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** @return whether the clipboard held something to add */
    static boolean paste(WorkbenchViewModel vm) {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasFiles()) {
            List<File> files = cb.getFiles();
            vm.media().add(files.stream().map(File::toPath).toList());
            return true;
        }
        if (cb.hasImage()) {
            try {
                Path f = Files.createTempFile("glimpse-paste-", ".png");
                ImageIO.write(SwingFXUtils.fromFXImage(cb.getImage(), null), "png", f.toFile());
                vm.media().add(List.of(f));
            } catch (IOException e) {
                vm.messages().error("cannot keep the pasted picture: " + e.getMessage());
            }
            return true;
        }
        vm.messages().warn("the clipboard holds no files or picture to paste");
        return false;
    }
}
