package io.glimpse.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.media.MediaException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Still images reach the video probe when their magic is damaged or Glimpse does not decode their format. */
class StillImageAsVideoTest {
    @TempDir
    Path dir;

    private Path damagedImage(String format, String name) throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0xff8040);
        Path file = dir.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] = 0;
        bytes[1] = 0; // the magic (FF D8 / 89 'P') is gone; the rest of the file is intact
        return Files.write(file, bytes);
    }

    @Test
    void jpegWithDamagedFirstBytesIsNotAVideo() throws Exception {
        Path jpeg = damagedImage("jpg", "photo.jpg");
        assertThatThrownBy(() -> VideoProbe.probe(jpeg)).isInstanceOf(MediaException.class).hasMessage(jpeg
                + ": not an image or video Glimpse can read: its name says JPEG but its bytes are not a JPEG (a damaged file, or another kind of file renamed)");
    }

    @Test
    void textFileNamedJpgIsNeitherImageNorVideo() throws Exception {
        Path text = Files.writeString(dir.resolve("text.jpg"), "hello, this is a note\n");
        assertThatThrownBy(() -> VideoProbe.probe(text)).isInstanceOf(MediaException.class).hasMessage(text
                + ": not an image or video Glimpse can read: its name says JPEG but its bytes are not a JPEG (a damaged file, or another kind of file renamed)");
    }

    @Test
    void pngWithDamagedFirstBytesIsNotAVideoEvenForTheSampler() throws Exception {
        Path png = damagedImage("png", "shot.png");
        assertThatThrownBy(() -> FrameSampler.sampleToList(png, SamplingRequest.of(new FrameSelection.Count(2))))
                .isInstanceOf(MediaException.class).hasMessage(png
                        + ": not an image or video Glimpse can read: its name says PNG but its bytes are not a PNG (a damaged file, or another kind of file renamed)");
    }

    @Test
    void intactTiffIsAStillImageByItsContent() throws Exception {
        Path tiff = dir.resolve("scan.mp4"); // the name does not matter: FFmpeg recognises the bytes
        assertThat(ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "tiff", tiff.toFile())).isTrue();
        assertThatThrownBy(() -> VideoProbe.probe(tiff)).isInstanceOf(MediaException.class)
                .hasMessage(tiff + ": not a video: FFmpeg reads it as a still image (tiff_pipe: TIFF)");
    }

    @Test
    void animatedGifStaysAVideo() throws Exception {
        Path gif = dir.resolve("anim.gif");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (var out = ImageIO.createImageOutputStream(gif.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < 3; i++) {
                writer.writeToSequence(new javax.imageio.IIOImage(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), null, null), null);
            }
            writer.endWriteSequence();
        }
        VideoInfo info = VideoProbe.probe(gif);
        assertThat(info.container()).isEqualTo("gif");
        assertThat(info.width()).isEqualTo(40);
        assertThat(info.height()).isEqualTo(30);
    }

    @Test
    void demuxerNamesOfStillImageReaders() {
        assertThat(StillImageDemuxers.isStillImageReader("image2")).isTrue();
        assertThat(StillImageDemuxers.isStillImageReader("jpeg_pipe")).isTrue();
        assertThat(StillImageDemuxers.isStillImageReader("webp_pipe")).isTrue();
        assertThat(StillImageDemuxers.isStillImageReader("yuv4mpegpipe")).isFalse();
        assertThat(StillImageDemuxers.isStillImageReader("gif")).isFalse();
        assertThat(StillImageDemuxers.isStillImageReader("apng")).isFalse();
        assertThat(StillImageDemuxers.isStillImageReader("matroska,webm")).isFalse();
    }
}
