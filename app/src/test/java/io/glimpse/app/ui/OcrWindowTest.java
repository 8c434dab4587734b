package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.await;
import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.vm.WorkbenchViewModel;
import io.glimpse.inference.ledger.SegmentKind;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The media list's OCR button reads the selected image's text in the background into its OCR text, which the ledger prices. */
@ExtendWith(ApplicationExtension.class)
class OcrWindowTest {
    @TempDir
    static Path media;
    static Path image;
    @TempDir
    Path config;

    WorkbenchViewModel vm;
    FxTestSupport.OpenWindow window;
    FakeEngine engine = new FakeEngine(5, 10_000);

    @BeforeAll
    static void makeMedia() throws Exception {
        BufferedImage img = new BufferedImage(640, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 200);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 26));
        g.drawString("Total amount due: 1,250.00", 30, 100);
        g.dispose();
        image = media.resolve("bill.png");
        ImageIO.write(img, "png", image.toFile());
    }

    @Start
    void start(Stage stage) {
        window = FxTestSupport.OpenWindow.show(stage, config, folder -> engine);
        vm = window.vm();
    }

    @AfterEach
    void close() {
        window.close();
    }

    private int auxTokens() throws Exception {
        return fx(() -> vm.ledger().ledger().segments().stream().filter(s -> s.kind() == SegmentKind.AUX)
                .mapToInt(s -> s.tokens()).sum());
    }

    @Test
    void theOcrButtonFillsTheSelectedImagesTextAndTheLedgerCountsIt(FxRobot robot) throws Exception {
        fx(() -> {
            vm.media().add(List.of(image));
            return null;
        });
        await("the image listed", 20, () -> fx(() -> vm.media().selected() != null));
        await("the ledger", 20, () -> fx(() -> vm.ledger().ledger() != null));
        int before = auxTokens();
        Button read = robot.lookup("#readOcr").queryAs(Button.class);
        assertThat(fx(read::isDisabled)).isFalse();
        robot.clickOn(read);
        TextArea ocr = robot.lookup("#ocr").queryAs(TextArea.class);
        await("the OCR read to finish", 60, () -> fx(() -> !vm.media().ocrStatusProperty().get().startsWith("Reading")
                || !vm.messages().messages().isEmpty()));
        assertThat(fx(() -> vm.messages().messages().toString())).isEqualTo("[]");
        // what the OCR read (cached per image hash: the same result), its characters exact; PP-OCRv4 may drop the word spaces
        String text = io.glimpse.app.ui.service.OcrReader.read(image, io.glimpse.media.CancelToken.NONE).text();
        assertThat(text.replace(" ", "")).isEqualTo("Totalamountdue:1,250.00");
        assertThat(fx(() -> ocr.getText())).isEqualTo(text);
        assertThat(fx(() -> vm.media().ocr(vm.media().selected()))).isEqualTo(text);
        assertThat(fx(() -> vm.media().ocrStatusProperty().get())).startsWith("1 line read in bill.png (");
        await("the ledger priced it", 20, () -> auxTokens() > before);
    }
}
