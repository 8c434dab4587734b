package io.glimpse.media.image;

import io.glimpse.media.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Path;

import static io.glimpse.media.image.TestImages.*;
import static org.assertj.core.api.Assertions.assertThat;

/** PNG, BMP and GIF are lossless: every pixel is checked exactly. */
class LosslessLoadingTest {
    @TempDir
    Path dir;

    private final ImageLoader loader = ImageLoader.defaults();

    @Test
    void rgbPngIsExact() throws Exception {
        Path file = write(quadrants(BufferedImage.TYPE_INT_RGB), "png", dir.resolve("rgb.png"));

        assertExactQuadrants(loader.load(file));
    }

    @Test
    void bmpIsExact() throws Exception {
        Path file = write(quadrants(BufferedImage.TYPE_3BYTE_BGR), "bmp", dir.resolve("picture.bmp"));

        assertThat(loader.probe(file).formatName()).isEqualTo("BMP");
        assertExactQuadrants(loader.load(file));
    }

    @Test
    void palettePngIsExactAndItsTransparentEntryShowsTheBackground() throws Exception {
        byte[] r = {(byte) 255, 0, 0, (byte) 255, 0};
        byte[] g = {0, (byte) 255, 0, (byte) 255, 0};
        byte[] b = {0, 0, (byte) 255, 0, 0};
        byte[] a = {(byte) 255, (byte) 255, (byte) 255, (byte) 255, 0};
        BufferedImage indexed = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 5, r, g, b, a));
        Graphics2D gfx = indexed.createGraphics();
        fillQuadrants(gfx, W, H);
        gfx.dispose();
        indexed.getRaster().setSample(0, 0, 0, 4); // one transparent pixel
        Path file = write(indexed, "png", dir.resolve("palette.png"));

        RgbImage onWhite = loader.load(file);
        RgbImage onDark = loader.withBackground(0x102030).load(file);

        assertThat(onWhite.rgbAt(0, 0)).isEqualTo(0xFFFFFF);
        assertThat(onDark.rgbAt(0, 0)).isEqualTo(0x102030);
        assertThat(onWhite.rgbAt(1, 0)).isEqualTo(RED);
        assertThat(onWhite.rgbAt(W - 1, 0)).isEqualTo(GREEN);
        assertThat(onWhite.rgbAt(0, H - 1)).isEqualTo(BLUE);
        assertThat(onWhite.rgbAt(W - 1, H - 1)).isEqualTo(YELLOW);
    }

    @Test
    void alphaPngIsCompositedOverTheBackground() throws Exception {
        BufferedImage argb = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xFFFF0000); // opaque red
        argb.setRGB(1, 0, 0x80FF0000); // half-transparent red
        argb.setRGB(2, 0, 0x00123456); // fully transparent
        argb.setRGB(3, 0, 0x400000FF); // quarter blue
        Path file = write(argb, "png", dir.resolve("alpha.png"));

        RgbImage white = loader.load(file);
        RgbImage black = loader.withBackground(0x000000).load(file);

        assertThat(white.rgbAt(0, 0)).isEqualTo(0xFF0000);
        assertThat(white.rgbAt(1, 0)).isEqualTo(0xFF7F7F); // (0·128 + 255·127 + 127) / 255 = 127
        assertThat(white.rgbAt(2, 0)).isEqualTo(0xFFFFFF);
        assertThat(white.rgbAt(3, 0)).isEqualTo(0xBFBFFF); // (255·191 + 127) / 255 = 191
        assertThat(black.rgbAt(1, 0)).isEqualTo(0x800000); // (255·128 + 127) / 255 = 128
        assertThat(black.rgbAt(2, 0)).isEqualTo(0x000000);
    }

    @Test
    void grayPngKeepsItsValuesWithoutTheJdkGammaShift() throws Exception {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});
        Path file = write(gray, "png", dir.resolve("gray.png"));

        RgbImage image = loader.load(file);

        assertThat(image.rgbAt(0, 0)).isEqualTo(0x000000);
        assertThat(image.rgbAt(1, 0)).isEqualTo(0x808080); // getRGB() would give about 0xBCBCBC
        assertThat(image.rgbAt(2, 0)).isEqualTo(0xFFFFFF);
    }

    /** 0x12F0 / 257 rounds to 0x13, but the high byte (Pillow's choice) is 0x12. */
    @Test
    void sixteenBitGrayPngKeepsTheHighByte() throws Exception {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0x12F0, 0x80FF, 0xFFFF});
        Path file = write(gray, "png", dir.resolve("gray16.png"));

        RgbImage image = loader.load(file);

        assertThat(image.rgbAt(0, 0)).isEqualTo(0x121212);
        assertThat(image.rgbAt(1, 0)).isEqualTo(0x808080);
        assertThat(image.rgbAt(2, 0)).isEqualTo(0xFFFFFF);
    }

    @Test
    void sixteenBitRgbPngKeepsTheHighByte() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0x12F0, 0x80FF, 0xFF00});
        raster.setPixel(1, 0, new int[] {0xFFFF, 0x0000, 0x7F80});
        BufferedImage rgb16 = new BufferedImage(cm, raster, false, null);
        Path file = write(rgb16, "png", dir.resolve("rgb16.png"));
        assertThat(ImageIO.read(file.toFile()).getColorModel().getComponentSize(0)).as("written as 16-bit").isEqualTo(16);

        RgbImage image = loader.load(file);

        assertThat(image.rgbAt(0, 0)).isEqualTo(0x1280FF);
        assertThat(image.rgbAt(1, 0)).isEqualTo(0xFF007F);
    }

    @Test
    void sixteenBitRgbaPngIsCompositedFromHighBytes() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0xFFFF, 0, 0, 0xFFFF});
        raster.setPixel(1, 0, new int[] {0xFFFF, 0, 0, 0x80FF}); // alpha high byte 128
        Path file = write(new BufferedImage(cm, raster, false, null), "png", dir.resolve("rgba16.png"));

        RgbImage image = loader.withBackground(0x000000).load(file);

        assertThat(image.rgbAt(0, 0)).isEqualTo(0xFF0000);
        assertThat(image.rgbAt(1, 0)).isEqualTo(0x800000);
    }

    @Test
    void gifGivesItsFirstFrame() throws Exception {
        Path file = dir.resolve("two-frames.gif");
        BufferedImage first = quadrants(BufferedImage.TYPE_BYTE_INDEXED);
        BufferedImage second = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED); // all black
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : new BufferedImage[] {first, second}) {
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                writer.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            var reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).as("the GIF has two frames").isEqualTo(2);
        }

        assertExactQuadrants(loader.load(file));
    }
}
