package io.glimpse.inference.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import java.awt.Color;
import java.awt.Font;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --ocr-model DIR}: a user's recognition model and dictionary, and the folders refused with what is missing. */
class OcrModelFolderTest {
    @TempDir
    Path dir;

    private Path folder(String name, byte[] onnx, String dictionary) throws Exception {
        Path f = Files.createDirectories(dir.resolve(name));
        if (onnx != null) {
            Files.write(f.resolve("rec.onnx"), onnx);
        }
        if (dictionary != null) {
            Files.writeString(f.resolve("dict.txt"), dictionary, StandardCharsets.UTF_8);
        }
        return f;
    }

    private static String keys() {
        return String.join("\n", OcrModels.bundled().dictionary()) + "\n";
    }

    @Test
    void aMatchingFolderReadsLikeTheBundledModels() throws Exception {
        Path f = folder("ok", OcrModels.bundled().recognition(), keys());
        OcrModels m = OcrModels.recognitionFolder(f);
        assertThat(m.id()).endsWith("rec.onnx").isNotEqualTo(OcrModels.bundled().id());
        var img = OcrPictures.draw(500, 100, Color.WHITE, Color.BLACK,
                List.of(new OcrPictures.Text("Folder model works", new Font(Font.SANS_SERIF, Font.PLAIN, 28), 20, 30)));
        try (OcrEngine e = OcrEngine.open(m, RuntimeOptions.cpu());
             OcrEngine bundled = OcrEngine.open(OcrModels.bundled(), RuntimeOptions.cpu())) {
            String read = e.read(OcrPictures.rgb(img), false, OcrListener.NONE, CancelToken.NONE).text();
            assertThat(read).isEqualTo(bundled.read(OcrPictures.rgb(img), false, OcrListener.NONE, CancelToken.NONE).text());
            assertThat(read.replace(" ", "")).isEqualTo("Foldermodelworks");
        }
    }

    @Test
    void aFolderWithoutAModelIsRefusedNamingIt() throws Exception {
        Path f = folder("empty", null, null);
        assertThatThrownBy(() -> OcrModels.recognitionFolder(f)).isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("no recognition model: expected one *.onnx file").hasMessageContaining("no dictionary (*.txt)");
    }

    @Test
    void aDictionaryThatDoesNotFitTheModelIsRefused() throws Exception {
        Path f = folder("short", OcrModels.bundled().recognition(), "a\nb\nc\n");
        OcrModels m = OcrModels.recognitionFolder(f);
        assertThatThrownBy(() -> OcrEngine.open(m, RuntimeOptions.cpu())).isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("the dictionary has 3 characters but the model reads 6625 classes");
    }

    @Test
    void aModelWithoutDictionaryNeedsOneInItsMetadata() throws Exception {
        Path f = folder("nodict", OcrModels.bundled().recognition(), null);
        OcrModels m = OcrModels.recognitionFolder(f);
        assertThat(m.dictionaryFromMetadata()).isTrue();
        // the rapidocr export of PP-OCRv4 rec carries its 6623-character dictionary in the 'character' metadata entry
        // (one character outside the BMP: read through ONNX Runtime's Java metadata it came back 2 lines short)
        var img = OcrPictures.draw(500, 100, Color.WHITE, Color.BLACK,
                List.of(new OcrPictures.Text("Metadata dictionary", new Font(Font.SANS_SERIF, Font.PLAIN, 28), 20, 30)));
        try (OcrEngine e = OcrEngine.open(m, RuntimeOptions.cpu());
             OcrEngine bundled = OcrEngine.open(OcrModels.bundled(), RuntimeOptions.cpu())) {
            assertThat(e.read(OcrPictures.rgb(img), false, OcrListener.NONE, CancelToken.NONE).text())
                    .isEqualTo(bundled.read(OcrPictures.rgb(img), false, OcrListener.NONE, CancelToken.NONE).text());
        }
        assertThat(OcrModels.lines(OcrEngine.metadata(OcrModels.bundled().recognition(), "character")))
                .isEqualTo(OcrModels.bundled().dictionary());
    }

    @Test
    void aModelWithoutAnyDictionaryIsRefusedNamingIt() throws Exception {
        // the detection model has no 'character' entry; the dictionary check comes before the shape check
        Path f = folder("bare", OcrModels.bundled().detection(), null);
        OcrModels m = OcrModels.recognitionFolder(f);
        assertThatThrownBy(() -> OcrEngine.open(m, RuntimeOptions.cpu())).isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("no dictionary: the folder has no *.txt file and the model's metadata has no 'character' entry");
    }

    @Test
    void aDetectionModelIsNotARecognitionModel() throws Exception {
        Path f = folder("det", OcrModels.bundled().detection(), keys());
        OcrModels m = OcrModels.recognitionFolder(f);
        assertThatThrownBy(() -> OcrEngine.open(m, RuntimeOptions.cpu())).isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("not a PaddleOCR recognition model");
    }

    @Test
    void twoModelsAreAmbiguous() throws Exception {
        Path f = folder("two", new byte[] {1}, keys());
        Files.write(f.resolve("other.onnx"), new byte[] {2});
        assertThatThrownBy(() -> OcrModels.recognitionFolder(f)).hasMessageContaining("several *.onnx files (other.onnx, rec.onnx)");
    }
}
