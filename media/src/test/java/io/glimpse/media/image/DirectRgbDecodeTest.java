package io.glimpse.media.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.media.CancelToken;
import io.glimpse.media.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 8-bit RGB JPEGs and PNGs decode straight into {@link RgbImage}'s layout (one copy of the pixels,
 * not two), with the same values the default ImageIO decode gives; other kinds keep the old path.
 */
class DirectRgbDecodeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"jpg", "png"})
    void rgbFilesDecodeIntoTheRgbLayoutWithTheDefaultDecodesValues(String ext) throws Exception {
        Path file = dir.resolve("noise." + ext);
        BufferedImage written = noise(123, 77);
        assertThat(ImageIO.write(written, ext.equals("jpg") ? "jpeg" : "png", file.toFile())).isTrue();
        ImageFormat format = ext.equals("jpg") ? ImageFormat.JPEG : ImageFormat.PNG;

        BufferedImage decoded = ImageIoDecoder.decode(file, format, (w, h) -> { }, CancelToken.NONE);
        ComponentSampleModel sm = (ComponentSampleModel) decoded.getSampleModel();
        assertThat(sm.getBandOffsets()).containsExactly(0, 1, 2);
        assertThat(sm.getScanlineStride()).isEqualTo(123 * 3);

        RgbImage expected = RgbImage.fromBufferedImage(ImageIO.read(file.toFile()), 0xFFFFFF);
        RgbImage loaded = ImageLoader.defaults().load(file);
        assertThat(loaded).isEqualTo(expected);
        // toRgb wraps the decoded array rather than copying it.
        byte[] data = ((DataBufferByte) decoded.getRaster().getDataBuffer()).getData();
        RgbImage wrapped = Pixels.toRgb(decoded, 0xFFFFFF);
        boolean shared = wrapped.readPixels((px, w, h) -> px == data);
        assertThat(shared).isTrue();
        assertThat(wrapped).isEqualTo(expected);
    }

    @Test
    void grayPngKeepsItsOwnDecodeAndComesOutAsGrayRgb() throws Exception {
        BufferedImage gray = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(2, 1, 0, 128);
        Path file = dir.resolve("gray.png");
        ImageIO.write(gray, "png", file.toFile());

        BufferedImage decoded = ImageIoDecoder.decode(file, ImageFormat.PNG, (w, h) -> { }, CancelToken.NONE);
        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        RgbImage loaded = ImageLoader.defaults().load(file);
        assertThat(loaded.rgbAt(2, 1)).isEqualTo(0x808080);
        assertThat(loaded.rgbAt(0, 0)).isEqualTo(0x000000);
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        new Random(7).nextBytes(px);
        return img;
    }
}
