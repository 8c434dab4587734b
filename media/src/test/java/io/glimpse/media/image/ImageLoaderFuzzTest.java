package io.glimpse.media.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.glimpse.media.MediaException;
import io.glimpse.media.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the image header and decode path on a file written from the fuzz input (docs/fuzzing.md).
 * Passing means: {@link ImageLoader#probe} and {@link ImageLoader#load} either succeed, with the
 * loaded size equal to the probed upright size, or throw a one-line {@link MediaException} naming
 * the file. Any other throwable (NullPointerException, OutOfMemoryError, ...) is a finding.
 * Regression mode replays {@code ImageLoaderFuzzTestInputs/probeAndLoad/}: tiny PNG, JPEG, WebP,
 * GIF and BMP files.
 */
class ImageLoaderFuzzTest {
    /** Small, so the fuzzer does not spend its time on big (valid) pictures. */
    private static final ImageLoader LOADER = ImageLoader.defaults().withMaxPixels(4_000_000);

    @TempDir
    static Path dir;

    @FuzzTest
    void probeAndLoad(byte[] data) throws IOException {
        Path file = Files.write(dir.resolve("input"), data);
        ImageInfo info = null;
        try {
            info = ImageLoader.defaults().probe(file);
            assertThat(info.storedWidth()).isPositive();
            assertThat(info.storedHeight()).isPositive();
        } catch (MediaException e) {
            assertOneLineNaming(e, file);
        }
        try {
            RgbImage image = LOADER.load(file);
            assertThat(info).as("load succeeded where probe failed").isNotNull();
            assertThat(image.width()).isEqualTo(info.uprightWidth());
            assertThat(image.height()).isEqualTo(info.uprightHeight());
        } catch (MediaException e) {
            assertOneLineNaming(e, file);
        }
    }

    static void assertOneLineNaming(Exception e, Path file) {
        assertThat(e.getMessage()).startsWith(file + ": ").doesNotContain("\n");
    }
}
