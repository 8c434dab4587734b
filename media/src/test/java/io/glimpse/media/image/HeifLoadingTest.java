package io.glimpse.media.image;

import io.glimpse.media.MediaException;
import io.glimpse.media.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.glimpse.media.image.TestImages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HEIC files made by libheif's {@code heif-enc} (x265), decoded through FFmpeg. FFmpeg's LGPL
 * build cannot encode HEVC, so the tests need heif-enc on the PATH (Debian/Ubuntu:
 * {@code apt-get install libheif-examples}, which pulls libheif1 with its x265 encoder) and are
 * skipped without it. heif-enc 1.15 stores even a small picture as a 1x1 tile grid whose 64x64
 * coded tile is cropped to 64x48, so these tests also go through the tile-grid path.
 */
class HeifLoadingTest {
    /** Allowed per-channel error on flat regions of HEVC at quality 90, 4:2:0. */
    static final int LOSSY_TOLERANCE = 12;

    @TempDir
    Path dir;

    private final ImageLoader loader = ImageLoader.defaults();

    @BeforeAll
    static void needHeifEnc() {
        assumeTrue(heifEnc() != null, "heif-enc not found on PATH: install Debian package libheif-examples to run the HEIC tests");
    }

    @Test
    void heicDecodesWithinToleranceAndCropsTheGrid() throws Exception {
        Path file = encode(write(quadrants(BufferedImage.TYPE_INT_RGB), "png", dir.resolve("q.png")), "q.heic", "-q", "90");

        ImageInfo info = loader.probe(file);
        RgbImage image = loader.load(file);

        assertThat(info.formatName()).isEqualTo("HEIF");
        assertThat(info.storedWidth()).isEqualTo(W);
        assertThat(info.storedHeight()).isEqualTo(H);
        assertThat(image.width()).isEqualTo(W);
        assertThat(image.height()).isEqualTo(H);
        int err = quadrantError(image, RED, GREEN, BLUE, YELLOW);
        report("HEIC q90 (x265, 4:2:0)", err);
        assertThat(err).isLessThanOrEqualTo(LOSSY_TOLERANCE);
    }

    @Test
    void losslessHeicIsNearlyExact() throws Exception {
        Path png = write(quadrants(BufferedImage.TYPE_INT_RGB), "png", dir.resolve("q.png"));
        Path file = encode(png, "lossless.heic", "-L", "-p", "chroma=444");

        RgbImage image = loader.load(file);

        int err = quadrantError(image, RED, GREEN, BLUE, YELLOW);
        report("HEIC lossless 4:4:4 (RGB->YCbCr->RGB rounding only)", err);
        assertThat(err).isLessThanOrEqualTo(3);
    }

    @Test
    void heicExifOrientationIsApplied() throws Exception {
        byte[] jpeg = Exif.withOrientation(jpegBytes(quadrants(BufferedImage.TYPE_INT_RGB), false), 6);
        Path source = Files.write(dir.resolve("o6.jpg"), jpeg);
        Path file = encode(source, "o6.heic", "-q", "90");

        ImageInfo info = loader.probe(file);
        RgbImage image = loader.load(file);

        assertThat(info.orientation()).isEqualTo(6);
        assertThat(image.width()).isEqualTo(H);
        assertThat(image.height()).isEqualTo(W);
        assertThat(quadrantError(image, BLUE, RED, YELLOW, GREEN)).isLessThanOrEqualTo(LOSSY_TOLERANCE + 4);
    }

    @Test
    void heicOverThePixelLimitIsRefused() throws Exception {
        Path file = encode(write(quadrants(BufferedImage.TYPE_INT_RGB), "png", dir.resolve("q.png")), "q.heic", "-q", "90");

        MediaException e = catchThrowableOfType(MediaException.class, () -> loader.withMaxPixels(1000).load(file));

        assertThat(e).hasMessage(file + ": image is 64x48 (0.0 MP), over the limit of 0.0 MP");
    }

    /** The grid's output size (in the grid item's data) is forged to 60000x60000. */
    @Test
    void heicDeclaring60000x60000IsRefusedBeforeDecoding() throws Exception {
        Path real = encode(write(quadrants(BufferedImage.TYPE_INT_RGB), "png", dir.resolve("q.png")), "q.heic", "-q", "90");
        byte[] bytes = Files.readAllBytes(real);
        int grid = indexOf(bytes, new byte[] {0, 0, 0, 0, 0, 64, 0, 48}); // version, flags, rows-1, cols-1, 64, 48
        assumeTrue(grid > 0, "heif-enc wrote no 64x48 grid item to forge");
        bytes[grid + 4] = (byte) (60000 >> 8);
        bytes[grid + 5] = (byte) 60000;
        bytes[grid + 6] = (byte) (60000 >> 8);
        bytes[grid + 7] = (byte) 60000;
        Path file = Files.write(dir.resolve("bomb.heic"), bytes);

        MediaException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowableOfType(MediaException.class, () -> loader.load(file)));

        assertThat(e).hasMessage(file + ": image is 60000x60000 (3600.0 MP), over the limit of 100.0 MP");
    }

    /**
     * A 2x2 grid of 64x64 tiles (red, green / blue, yellow), each tile encoded by heif-enc and
     * assembled by {@link HeifGridWriter}, cropped to 120x100 as phone grids are cropped.
     */
    @Test
    void multiTileGridIsAssembledInRowMajorOrderAndCropped() throws Exception {
        Path file = Files.write(dir.resolve("grid.heic"), HeifGridWriter.grid(quadrantTiles(), 2, 2, 64, 64, 120, 100));

        ImageInfo info = loader.probe(file);
        RgbImage image = loader.load(file);

        assertThat(info.storedWidth()).isEqualTo(120);
        assertThat(info.storedHeight()).isEqualTo(100);
        assertThat(image.width()).isEqualTo(120);
        assertThat(image.height()).isEqualTo(100);
        int err = Math.max(Math.max(regionError(image, 4, 4, 60, 60, RED), regionError(image, 68, 4, 116, 60, GREEN)),
                Math.max(regionError(image, 4, 68, 60, 96, BLUE), regionError(image, 68, 68, 116, 96, YELLOW)));
        report("HEIC 2x2 tile grid q90", err);
        assertThat(err).isLessThanOrEqualTo(LOSSY_TOLERANCE);
    }

    /**
     * HEIF {@code irot} (quarter turns anti-clockwise) and {@code imir} (0 top-bottom, 1
     * left-right; -1 = none) on a 128x96 grid, applied in that order. The expected EXIF-equivalent
     * orientations are what libheif 1.15's {@code heif-convert} renders for these files (checked
     * by hand, and again here pixel by pixel when heif-convert is installed).
     */
    @ParameterizedTest(name = "irot {0}, imir {1} -> orientation {2}")
    @CsvSource({"0,-1,1", "1,-1,8", "2,-1,3", "3,-1,6", "0,0,4", "0,1,2", "1,0,5", "1,1,7", "3,0,7", "2,0,2"})
    void heifRotationAndMirrorPropertiesAreApplied(int quarterTurns, int mirrorAxis, int expectedOrientation) throws Exception {
        List<byte[]> properties = new ArrayList<>();
        if (quarterTurns != 0) {
            properties.add(HeifGridWriter.irot(quarterTurns));
        }
        if (mirrorAxis >= 0) {
            properties.add(HeifGridWriter.imir(mirrorAxis));
        }
        byte[] heic = HeifGridWriter.grid(quadrantTiles(), 2, 2, 64, 64, 128, 96, properties.toArray(byte[][]::new));
        Path file = Files.write(dir.resolve("t" + quarterTurns + "m" + mirrorAxis + ".heic"), heic);

        ImageInfo info = loader.probe(file);
        RgbImage image = loader.load(file);

        assertThat(info.orientation()).isEqualTo(expectedOrientation);
        RgbImage expected = ExifOrientation.apply(loader.load(Files.write(dir.resolve("plain.heic"),
                HeifGridWriter.grid(quadrantTiles(), 2, 2, 64, 64, 128, 96))), expectedOrientation);
        assertThat(image.width()).isEqualTo(expected.width());
        assertThat(image.height()).isEqualTo(expected.height());
        assertThat(image).isEqualTo(expected);
        String heifConvert = tool("heif-convert");
        if (heifConvert != null) {
            Path png = dir.resolve("libheif.png");
            run(heifConvert, file.toString(), png.toString());
            RgbImage libheif = RgbImage.fromBufferedImage(javax.imageio.ImageIO.read(png.toFile()), 0xFFFFFF);
            assertThat(libheif.width()).isEqualTo(image.width());
            assertThat(libheif.height()).isEqualTo(image.height());
            int w = image.width();
            int h = image.height();
            for (int[] p : new int[][] {{w / 4, h / 4}, {3 * w / 4, h / 4}, {w / 4, 3 * h / 4}, {3 * w / 4, 3 * h / 4}}) {
                for (int c = 0; c < 3; c++) {
                    assertThat(Math.abs(image.sample(p[0], p[1], c) - libheif.sample(p[0], p[1], c)))
                            .as("channel %d at %s vs heif-convert", c, Arrays.toString(p)).isLessThanOrEqualTo(LOSSY_TOLERANCE);
                }
            }
        }
    }

    private static List<HeifGridWriter.Tile> tiles;

    /** Four 64x64 single-colour tiles (red, green, blue, yellow), encoded once per test run. */
    private List<HeifGridWriter.Tile> quadrantTiles() throws Exception {
        if (tiles == null) {
            int[] colours = {RED, GREEN, BLUE, YELLOW};
            List<HeifGridWriter.Tile> made = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                BufferedImage tile = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                java.awt.Graphics2D g = tile.createGraphics();
                g.setColor(new java.awt.Color(colours[i]));
                g.fillRect(0, 0, 64, 64);
                g.dispose();
                Path heic = encode(write(tile, "png", dir.resolve("tile" + i + ".png")), "tile" + i + ".heic", "-q", "90");
                made.add(HeifGridWriter.tileOf(Files.readAllBytes(heic)));
            }
            tiles = made;
        }
        return tiles;
    }

    @Test
    void truncatedHeicIsRefused() throws Exception {
        Path real = encode(write(BadInputTest.noise(128, 128), "png", dir.resolve("noise.png")), "noise.heic", "-q", "90");
        byte[] bytes = Files.readAllBytes(real);
        Path file = Files.write(dir.resolve("cut.heic"), Arrays.copyOf(bytes, bytes.length * 2 / 3));

        MediaException e = catchThrowableOfType(MediaException.class, () -> loader.load(file));

        assertThat(e).isNotNull();
        System.out.println("[message] " + e.getMessage());
        assertThat(e.getMessage()).startsWith(file + ": corrupt").doesNotContain("\n");
    }

    private Path encode(Path source, String name, String... options) throws Exception {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(heifEnc()));
        command.addAll(List.of(options));
        command.addAll(List.of("-o", out.toString(), source.toString()));
        run(command.toArray(String[]::new));
        return out;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s failed: %s", command[0], log).isZero();
    }

    private static String heifEnc() {
        return tool("heif-enc");
    }

    /** The executable {@code name} on the PATH, or null. */
    private static String tool(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(d, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
