package io.glimpse.plugins.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.generic.ClipImageProcessor;
import io.glimpse.inference.generic.ClipSettings;
import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.media.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-text-to-text family on a generated transformers.js folder: the processor glimpse ask uses. */
class ImageTextToTextFamilyTest {
    @TempDir
    static Path dir;
    static Path generic;
    static final ImageTextToTextFamily FAMILY = new ImageTextToTextFamily();

    @BeforeAll
    static void model() throws Exception {
        generic = dir.resolve("generic");
        TestModelWriter.write(generic, TestModelWriter.Family.GENERIC, 3);
    }

    @Test
    void theProcessorTakesOneCroppedTileWorthImageSeqLengthTokens() throws Exception {
        VisionProcessor v = FAMILY.vision(generic).orElseThrow();
        assertThat(v.maxGrids()).isEqualTo(1);
        assertThat(v.image(4032, 3024, 1).tokens()).isEqualTo(81);
        assertThat(v.image(10, 10, 1).tokens()).isEqualTo(81);
        assertThat(v.image(640, 480, 1).detail()).containsEntry("tile", "378x378").containsEntry("rows", 81);
        assertThat(v.placeholderTexts()).containsExactly("<|dummy3|>");
        byte[] px = new byte[500 * 300 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 7 % 251);
        }
        RgbImage image = RgbImage.wrap(500, 300, px);
        List<RgbImage> tiles = v.imageTiles(image, 1);
        assertThat(tiles).hasSize(1);
        RgbImage expected = ClipImageProcessor.tile(image, ClipSettings.fromFolder(generic));
        assertThat(tiles.get(0).width()).isEqualTo(378);
        assertThat(tiles.get(0).height()).isEqualTo(378);
        assertThat(tiles.get(0).toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void videosAreRefusedClearly() throws Exception {
        VisionProcessor v = FAMILY.vision(generic).orElseThrow();
        String message = "this model takes images only: a transformers.js image-text-to-text folder has no video placeholder";
        assertThatThrownBy(() -> v.video(8)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> v.prepareFrame(RgbImage.wrap(2, 2, new byte[12]))).hasMessage(message);
        assertThat(v.videoCanvases(List.of())).isEmpty();
    }

    @Test
    void contextLengthComesFromTextConfig() {
        assertThat(FAMILY.contextLength(generic)).isEqualTo(new io.glimpse.plugins.ModelFamily.ContextLength(8192, null));
        assertThat(FAMILY.contextLength(null).tokens()).isEqualTo(2048);
        assertThat(FAMILY.builtInChatTemplate()).isEmpty();
    }

    @Test
    void withoutAFolderThereIsNothingToPlanWith() {
        assertThatThrownBy(() -> FAMILY.vision(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ImageTextToTextFamily.NEEDS_FOLDER);
    }

    @Test
    void aFolderWithoutItsPreprocessorConfigSaysWhatIsMissing() throws Exception {
        Path broken = dir.resolve("broken");
        TestModelWriter.write(broken, TestModelWriter.Family.GENERIC, 3);
        Files.delete(broken.resolve("preprocessor_config.json"));
        assertThat(FAMILY.recognise(broken)).isEqualTo(100);
        assertThatThrownBy(() -> FAMILY.vision(broken)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("needs preprocessor_config.json");
    }
}
