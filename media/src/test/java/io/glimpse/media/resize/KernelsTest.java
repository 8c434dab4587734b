package io.glimpse.media.resize;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.media.RgbImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SIMD kernels against the scalar ones, sample for sample: sizes around the vector widths,
 * boxes ending at the last byte of the source (where the vector loads would overrun), up- and
 * downscaling, and images of noise so that every sample differs.
 */
class KernelsTest {

    @Test
    void vectorKernelsAreInUseAfterTheWarmUp() throws InterruptedException {
        // Surefire adds --add-modules jdk.incubator.vector, as the launcher does.
        assertThat(PilResampler.awaitVectorKernels(60_000)).isTrue();
        assertThat(PilResampler.kernels()).matches("vector \\((8|16) int lanes\\)");
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3} box {4},{5},{6},{7}")
    @CsvSource({
            "97, 61, 40, 25, -1, 0, 0, 0",
            "4000, 30, 378, 11, -1, 0, 0, 0",
            "1000, 40, 1134, 13, -1, 0, 0, 0",
            "17, 11, 50, 37, -1, 0, 0, 0",
            "1, 30, 9, 12, -1, 0, 0, 0",
            "97, 61, 97, 23, -1, 0, 0, 0",
            "97, 61, 33, 61, -1, 0, 0, 0",
            "5, 4, 37, 29, -1, 0, 0, 0",
            "97, 61, 1, 1, -1, 0, 0, 0",
            "300, 200, 37, 41, 250.5, 150.25, 300, 200",
            "300, 200, 64, 64, 200, 100, 300, 200",
            "301, 203, 17, 16, 0, 0, 301, 203",
            "640, 9, 21, 9, 600.75, 0, 640, 9",
    })
    void vectorAndScalarKernelsAgreeExactly(int inW, int inH, int outW, int outH, double l, double t, double r, double b) {
        RgbImage src = noise(inW, inH, inW * 31 + inH);
        for (ResampleFilter filter : ResampleFilter.values()) {
            RgbImage scalar = l < 0
                    ? PilResampler.resize(src, outW, outH, filter, 0, 0, inW, inH, ScalarKernels.INSTANCE)
                    : PilResampler.resize(src, outW, outH, filter, l, t, r, b, ScalarKernels.INSTANCE);
            RgbImage vector = l < 0
                    ? PilResampler.resize(src, outW, outH, filter, 0, 0, inW, inH, VectorKernels.INSTANCE)
                    : PilResampler.resize(src, outW, outH, filter, l, t, r, b, VectorKernels.INSTANCE);
            assertThat(ImageDiff.of(vector, scalar).maxAbs()).as("%s: %s", filter, ImageDiff.of(vector, scalar)).isZero();
            assertThat(vector).isEqualTo(scalar);
        }
    }

    @Test
    void vectorAndScalarKernelsAgreeOnRandomSizes() {
        Random rnd = new Random(20261204);
        for (int t = 0; t < 80; t++) {
            int w = 1 + rnd.nextInt(300);
            int h = 1 + rnd.nextInt(120);
            int ow = 1 + rnd.nextInt(400);
            int oh = 1 + rnd.nextInt(150);
            RgbImage src = noise(w, h, t);
            ResampleFilter filter = ResampleFilter.values()[t % 2];
            RgbImage scalar = PilResampler.resize(src, ow, oh, filter, 0, 0, w, h, ScalarKernels.INSTANCE);
            RgbImage vector = PilResampler.resize(src, ow, oh, filter, 0, 0, w, h, VectorKernels.INSTANCE);
            assertThat(vector).as("%dx%d -> %dx%d %s: %s", w, h, ow, oh, filter, ImageDiff.of(vector, scalar))
                    .isEqualTo(scalar);
        }
    }

    static RgbImage noise(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return RgbImage.wrap(w, h, px);
    }
}
