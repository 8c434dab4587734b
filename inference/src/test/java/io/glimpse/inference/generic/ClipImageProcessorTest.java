package io.glimpse.inference.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.media.RgbImage;
import io.glimpse.media.resize.ResampleFilter;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLIP-style processor against a Pillow + numpy reference computed by /usr/bin/python3 on the
 * same generated image (the transformers CLIPImageProcessor steps written out: PIL resize of the
 * uint8 image, centre crop with zero padding, float64 rescale cast to float32, float32 normalize).
 * Skipped when python3 with PIL and numpy is missing. Tolerance 1e-6: after the exact uint8 resize
 * only float32 rounding of the same operations can differ.
 */
class ClipImageProcessorTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String REFERENCE = """
            import sys, json, math
            import numpy as np
            from PIL import Image
            cfg = json.loads(sys.argv[3])
            im = Image.open(sys.argv[1]).convert("RGB")
            w, h = im.size
            s = cfg["shortest_edge"]
            short, long = (w, h) if w <= h else (h, w)
            new_short, new_long = s, int(s * long / short)
            nw, nh = (new_short, new_long) if w <= h else (new_long, new_short)
            if (nw, nh) != (w, h):
                im = im.resize((nw, nh), resample=cfg["resample"])
            a = np.asarray(im)
            ch, cw = cfg["crop_h"], cfg["crop_w"]
            top, left = (nh - ch) // 2, (nw - cw) // 2
            if top >= 0 and left >= 0:
                a = a[top:top + ch, left:left + cw]
            else:
                H, W = max(ch, nh), max(cw, nw)
                p = np.zeros((H, W, 3), np.uint8)
                tp, lp = math.ceil((H - nh) / 2), math.ceil((W - nw) / 2)
                p[tp:tp + nh, lp:lp + nw] = a
                top, left = top + tp, left + lp
                a = p[max(0, top):min(H, top + ch), max(0, left):min(W, left + cw)]
            x = (a.astype(np.float64) * cfg["rescale"]).astype(np.float32)
            x = (x - np.array(cfg["mean"], np.float32)) / np.array(cfg["std"], np.float32)
            x.transpose(2, 0, 1).astype("<f4").tofile(sys.argv[2])
            """;

    @TempDir
    Path tmp;

    static RgbImage noise(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        // a smooth gradient under the noise, so the resize has structure to get right
        for (int i = 0; i < w * h; i++) {
            px[i * 3] = (byte) ((px[i * 3] & 0x3F) + (i % w) * 190 / w);
        }
        return RgbImage.wrap(w, h, px);
    }

    static boolean pythonWithPilAndNumpy() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import PIL, numpy").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}x{1} shortest {2} crop {3}x{4} resample {5}")
    @CsvSource({
        "150, 97, 64, 56, 56, 3, '[0.48145466, 0.4578275, 0.40821073]', '[0.26862954, 0.26130258, 0.27577711]'",
        "97, 150, 40, 48, 70, 1, '[0.5, 0.5, 0.5]', '[0.5, 0.5, 0.5]'",
        "64, 64, 64, 64, 64, 3, '[0.5, 0.4, 0.3]', '[0.2, 0.25, 0.3]'",
        "333, 111, 50, 60, 40, 3, '[0.5, 0.5, 0.5]', '[0.5, 0.5, 0.5]'"
    })
    void pixelValuesMatchPillowAndNumpy(int w, int h, int shortest, int cropW, int cropH, int resample, String mean, String std)
            throws Exception {
        assumeTrue(pythonWithPilAndNumpy(), "/usr/bin/python3 with PIL and numpy is needed for the reference");
        RgbImage image = noise(w, h, 11L * w + h);
        File png = tmp.resolve("in.png").toFile();
        ImageIO.write(image.toBufferedImage(), "png", png);
        String cfg = String.format("{\"shortest_edge\": %d, \"crop_w\": %d, \"crop_h\": %d, \"resample\": %d, "
                + "\"rescale\": %s, \"mean\": %s, \"std\": %s}", shortest, cropW, cropH, resample, 1 / 255.0, mean, std);
        Path out = tmp.resolve("ref.f32");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", REFERENCE, png.toString(), out.toString(), cfg)
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        FloatBufferView ref = FloatBufferView.of(Files.readAllBytes(out));

        ClipSettings s = ClipSettings.parse(new ObjectMapper().readTree(String.format(
                "{\"do_resize\": true, \"size\": {\"shortest_edge\": %d}, \"resample\": %d, \"do_center_crop\": true, "
                        + "\"crop_size\": {\"height\": %d, \"width\": %d}, \"do_rescale\": true, \"rescale_factor\": %s, "
                        + "\"do_normalize\": true, \"image_mean\": %s, \"image_std\": %s, \"do_convert_rgb\": true}",
                shortest, resample, cropH, cropW, 1 / 255.0, mean, std)));
        assertThat(s.assumptions()).isEmpty();
        RgbImage tile = ClipImageProcessor.tile(image, s);
        assertThat(java.util.List.of(tile.width(), tile.height())).containsExactly(cropW, cropH);
        float[] mine = ClipImageProcessor.pixelValues(tile, s);
        assertThat(mine).hasSize(ref.size());
        double worst = 0;
        for (int i = 0; i < mine.length; i++) {
            worst = Math.max(worst, Math.abs(mine[i] - ref.get(i)));
        }
        assertThat(worst).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void theShorterSideGetsShortestEdgeAndTheLongerIsTruncated() {
        ClipSettings s = new ClipSettings(true, 378, 0, 0, ResampleFilter.BICUBIC, true, 378, 378, true, 1 / 255.0, true,
                ClipSettings.CLIP_MEAN, ClipSettings.CLIP_STD, java.util.List.of());
        assertThat(ClipImageProcessor.resizeSize(640, 480, s)).containsExactly(504, 378); // 378·640/480 = 504
        assertThat(ClipImageProcessor.resizeSize(480, 641, s)).containsExactly(378, 504); // 504.7875 truncated
        assertThat(ClipImageProcessor.resizeSize(100, 100, s)).containsExactly(378, 378);
    }

    @Test
    void absentKeysTakeClipDefaultsAndSayso() throws Exception {
        ClipSettings s = ClipSettings.parse(new ObjectMapper().readTree("{}"));
        assertThat(s.shortestEdge()).isEqualTo(224);
        assertThat(s.tileWidth()).isEqualTo(224);
        assertThat(s.mean()).isEqualTo(ClipSettings.CLIP_MEAN);
        assertThat(s.assumptions()).contains("size assumed {\"shortest_edge\": 224} (CLIPImageProcessor's default)",
                "resample assumed 3 (bicubic, CLIPImageProcessor's default)");
    }

    @Test
    void unsupportedValuesAreNamed() {
        assertThatThrownBy(() -> ClipSettings.parse(json("{\"resample\": 2}")))
                .hasMessage("resample 2 is not supported (only 3 = bicubic and 1 = Lanczos have an exact Pillow port)");
        assertThatThrownBy(() -> ClipSettings.parse(json("{\"image_mean\": [0.5, 0.5]}")))
                .hasMessage("image_mean must be three numbers (R, G, B), got [0.5,0.5]");
        assertThatThrownBy(() -> ClipSettings.parse(json("{\"size\": {\"shortest_edge\": 10, \"longest_edge\": 20}}")))
                .hasMessage("size.longest_edge is not supported (only shortest_edge, or height and width)");
    }

    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    /** Little-endian float32 values of the reference file. */
    record FloatBufferView(java.nio.FloatBuffer floats) {
        static FloatBufferView of(byte[] bytes) {
            return new FloatBufferView(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
        }

        int size() {
            return floats.limit();
        }

        float get(int i) {
            return floats.get(i);
        }
    }
}
