package io.glimpse.inference.vision;

import io.glimpse.inference.hcx.HcxImageProcessor;
import io.glimpse.inference.hcx.HcxVisionSettings;
import io.glimpse.media.CancelToken;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.RgbImage;
import io.glimpse.media.video.SyntheticVideo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Media for the pipeline tests, written into a test's temporary folder, and the probe model's expected rows. */
final class VisionTestMedia {
    private VisionTestMedia() {
    }

    /** A smooth two-way gradient (every tile's mean differs), saved as a lossless PNG. */
    static RgbImage gradient(int w, int h, int seed) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) ((x * 255 / (w - 1) + seed) & 0xFF);
                px[i + 1] = (byte) (y * 255 / (h - 1));
                px[i + 2] = (byte) ((x + y) * 255 / (w + h - 2));
            }
        }
        return RgbImage.wrap(w, h, px);
    }

    static Path png(Path dir, String name, RgbImage image) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(image.toBufferedImage(), "png", file.toFile());
        return file;
    }

    static Path video(Path dir, String name, int frames) throws Exception {
        Path file = dir.resolve(name);
        SyntheticVideo.write(file, SyntheticVideo.Spec.of(320, 240, 10, frames), CancelToken.NONE, ProgressListener.NONE);
        return file;
    }

    /** The mean of each tile's normalized pixels, as the probe encoder reports it. */
    static double[] tileMeans(List<RgbImage> tiles, HcxVisionSettings settings) {
        double[] means = new double[tiles.size()];
        for (int t = 0; t < tiles.size(); t++) {
            float[] px = HcxImageProcessor.pixelValues(List.of(tiles.get(t)), settings);
            double sum = 0;
            for (float v : px) {
                sum += v;
            }
            means[t] = sum / px.length;
        }
        return means;
    }

    /**
     * The probe rows one image should put at its placeholders, written as hcx-spec.md §5.5 states it:
     * the global tile's 81 queries, then the local map viewed [rows, 9, cols, 9] cropped to the kept
     * window, a newline ([-1000, 0, 0, 0]) after every kept row. A row is [tile within its encoder
     * run, query, tile mean, num_queries]; runs hold 4 tiles (max_tiles_per_run) and restart per image.
     */
    static List<double[]> expectedImageRows(double[] means, int gridRows, int gridCols, int top, int kept, int left, int keptCols) {
        List<double[]> out = new ArrayList<>();
        for (int q = 0; q < 81; q++) {
            out.add(new double[] {0, q, means[0], 81});
        }
        int mapRow = 0;
        for (int gr = 0; gr < gridRows; gr++) {
            for (int iy = 0; iy < 9; iy++, mapRow++) {
                if (mapRow < top || mapRow >= top + kept) {
                    continue;
                }
                int mapCol = 0;
                for (int gc = 0; gc < gridCols; gc++) {
                    for (int ix = 0; ix < 9; ix++, mapCol++) {
                        if (mapCol >= left && mapCol < left + keptCols) {
                            int tile = 1 + gr * gridCols + gc;
                            out.add(new double[] {tile % 4, iy * 9 + ix, means[tile], 81});
                        }
                    }
                }
                out.add(new double[] {-1000, 0, 0, 0});
            }
        }
        return out;
    }

    /** An MP4 with its index in front and its frame data cut off: the header reads, no frame decodes. */
    static Path truncatedVideo(Path dir) throws Exception {
        Path full = dir.resolve("full.mp4");
        SyntheticVideo.write(full, SyntheticVideo.Spec.of(320, 240, 10, 20).withFastStart(true), CancelToken.NONE,
                ProgressListener.NONE);
        byte[] bytes = Files.readAllBytes(full);
        int mdat = indexOf(bytes, new byte[] {'m', 'd', 'a', 't'});
        if (mdat < 0) {
            throw new IllegalStateException("no mdat box in " + full);
        }
        return Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(bytes, mdat + 4 + 16));
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
