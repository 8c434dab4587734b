package io.glimpse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.glimpse.media.image.ImageLoader;
import io.glimpse.media.video.VideoProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Paths that are not plain files get one clear line, from the image loader and the video probe alike. */
class InputFilesTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS) // opening the FIFO for reading would block forever
    void fifoIsNotARegularFileAndIsNeverOpened() throws Exception {
        Path fifo = dir.resolve("pipe.mp4");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor()).isZero();
        String expected = fifo + ": not a regular file (a FIFO)";
        assertThatThrownBy(() -> InputFiles.requireReadableRegularFile(fifo)).hasMessage(expected);
        assertThatThrownBy(() -> VideoProbe.probe(fifo)).isInstanceOf(MediaException.class).hasMessage(expected);
        assertThatThrownBy(() -> ImageLoader.defaults().probe(fifo)).isInstanceOf(MediaException.class).hasMessage(expected);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS) // reading /dev/zero never ends
    void devZeroIsACharacterDevice() {
        Path zero = Path.of("/dev/zero");
        String expected = "/dev/zero: not a regular file (a character device)";
        assertThatThrownBy(() -> VideoProbe.probe(zero)).isInstanceOf(MediaException.class).hasMessage(expected);
        assertThatThrownBy(() -> ImageLoader.defaults().load(zero)).isInstanceOf(MediaException.class).hasMessage(expected);
    }

    @Test
    void symbolicLinkLoopIsNamed() throws Exception {
        Path a = dir.resolve("a.mp4");
        Path b = dir.resolve("b.mp4");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        assertThatThrownBy(() -> VideoProbe.probe(a)).isInstanceOf(MediaException.class).hasMessage(a + ": symbolic link loop");
        assertThatThrownBy(() -> ImageLoader.defaults().probe(b)).isInstanceOf(MediaException.class).hasMessage(b + ": symbolic link loop");
    }

    @Test
    void linkToAMissingFileIsNotFoundAndALinkToAFileIsFollowed() throws Exception {
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.png"), dir.resolve("gone.png"));
        assertThatThrownBy(() -> InputFiles.requireReadableRegularFile(dangling)).hasMessage(dangling + ": file not found");
        Path real = Files.write(dir.resolve("real.bin"), new byte[] {1});
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), real);
        assertThatCode(() -> InputFiles.requireReadableRegularFile(link)).doesNotThrowAnyException();
    }

    @Test
    void directoryEmptyAndMissingKeepTheirMessages() throws Exception {
        assertThatThrownBy(() -> InputFiles.requireReadableRegularFile(dir)).hasMessage(dir + ": is a directory, not a file");
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        assertThatThrownBy(() -> ImageLoader.defaults().probe(empty)).hasMessage(empty + ": file is empty (0 bytes)");
        Path missing = dir.resolve("missing.jpg");
        assertThatThrownBy(() -> ImageLoader.defaults().probe(missing)).hasMessage(missing + ": file not found");
    }
}
