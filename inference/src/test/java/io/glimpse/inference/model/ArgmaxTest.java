package io.glimpse.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArgmaxTest {
    /** float → half for values exactly representable or rounded toward zero (enough for test rows). */
    private static short half(float x) {
        int b = Float.floatToIntBits(x);
        int sign = (b >>> 16) & 0x8000;
        if (Float.isInfinite(x)) {
            return (short) (sign | 0x7C00);
        }
        int exp = ((b >>> 23) & 0xFF) - 112;
        if (exp <= 0) {
            return (short) sign;
        }
        return (short) (sign | (exp << 10) | ((b >>> 13) & 0x3FF));
    }

    @Test
    void halvesGiveTheSameIndexAsTheirFloatValuesOnRandomRows() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(300);
            short[] halves = new short[n];
            float[] floats = new float[n];
            for (int i = 0; i < n; i++) {
                // few distinct values so ties are common; negative-only rows too
                float v = (random.nextInt(40) - (round % 3 == 0 ? 60 : 20)) / 4f;
                halves[i] = half(random.nextInt(50) == 0 ? Float.NEGATIVE_INFINITY : v);
                floats[i] = Float16.toFloat(halves[i]);
            }
            int expected = Argmax.ofFloats(floats, 0, n);
            assertThat(Argmax.ofHalvesScalar(halves, n)).as("scalar, round %d", round).isEqualTo(expected);
            assertThat(VectorHalfArgmax.argmax(halves, n)).as("vector, round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void theTestsRunWithTheVectorApiAsTheLauncherDoes() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
    }

    @Test
    void everyFiniteHalfOrdersLikeItsValue() {
        // all 63,488 finite halves (plus -inf), one pair at a time against the largest finite half
        short max = 0x7BFF;
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float v = Float16.toFloat(h);
            if (Float.isNaN(v) || v == Float.POSITIVE_INFINITY || v == 0) {
                continue;
            }
            assertThat(Argmax.ofHalves(new short[] {h, max}, 2)).isEqualTo(v == 65504f ? 0 : 1);
            assertThat(Argmax.ofHalves(new short[] {half(0), h}, 2)).isEqualTo(v > 0 ? 1 : 0);
        }
    }

    @Test
    void nanOfEitherSignAndPositiveInfinityAreRefusedWithTheirIndex() {
        assertThatThrownBy(() -> Argmax.ofHalves(new short[] {half(1), (short) 0xFE00, half(2)}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("logit 1 is NaN; only finite values and -Infinity are valid");
        assertThatThrownBy(() -> Argmax.ofHalves(new short[] {half(1), half(2), (short) 0x7E00}, 3))
                .hasMessage("logit 2 is NaN; only finite values and -Infinity are valid");
        assertThatThrownBy(() -> Argmax.ofHalves(new short[] {(short) 0x7C00, half(2)}, 2))
                .hasMessage("logit 0 is Infinity; only finite values and -Infinity are valid");
        assertThatThrownBy(() -> Argmax.ofFloats(new float[] {1, Float.NaN}, 0, 2))
                .hasMessage("logit 1 is NaN; only finite values and -Infinity are valid");
        assertThat(Argmax.ofHalves(new short[] {(short) 0xFC00, (short) 0xFC00}, 2)).isZero();
        short[] longRow = new short[100];
        longRow[77] = (short) 0xFE00;
        assertThat(VectorHalfArgmax.argmax(longRow, 100)).isEqualTo(-1);
        assertThatThrownBy(() -> Argmax.ofHalves(longRow, 100)).hasMessage("logit 77 is NaN; only finite values and -Infinity are valid");
    }
}
