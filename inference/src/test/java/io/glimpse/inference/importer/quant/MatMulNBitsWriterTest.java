package io.glimpse.inference.importer.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.glimpse.inference.importer.LinearWriter;
import io.glimpse.inference.onnx.OnnxGraph;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MatMulNBits as written by {@link MatMulNBitsWriter}, checked by hand and by running it in ONNX Runtime. */
class MatMulNBitsWriterTest {
    /** Level 0 vs float MatMul: only the summation order differs, so a float32 rounding budget of the dot product. */
    static final double LEVEL0_TOLERANCE = 1e-5;
    /**
     * Level 4 quantizes the activations to int8 per block (rounding error at most half a step, max|x|/254
     * of the block), so the difference to level 0 stays under about 1/254 of Σ|x·w|; measured 4e-4 to 8e-4.
     */
    static final double LEVEL4_TOLERANCE = 1.0 / 254;

    @ParameterizedTest(name = "int{0}, block {1}: M={2} N={3} K={4}")
    @CsvSource(textBlock = """
            4, 32,  1,  1,   33
            8, 32,  1,  1,   33
            4, 16,  3,  5,   17
            8, 16,  3,  5,   17
            4, 32,  2,  7,  100
            8, 32,  2,  7,  100
            4, 32,  1, 64,   64
            4, 128, 4,  9,  200
            8, 64,  4,  9,  200
            4, 32,  2,  3, 4096
            8, 32,  2,  3, 4096
            """)
    void level0EqualsFloatMatMulOfTheDequantizedWeight(int bits, int block, int m, int n, int k) throws Exception {
        Random random = new Random(31L * n + k + bits);
        float[] w = gaussian(random, n * k, 0.05f);
        w[random.nextInt(w.length)] = 0.4f; // an outlier, so block scales differ
        float[] x = gaussian(random, m * k, 1f);
        BlockQuantizedWeight q = BlockQuantizedWeight.quantize(w, n, k, bits, block);

        Map<String, float[]> y = runBoth(new MatMulNBitsWriter(bits, block, 0), w, q.dequantize(), x, m, n, k);

        assertThat(maxErrorOverMagnitude(y.get("quantized"), y.get("float"), x, q.dequantize(), m, n, k))
                .isLessThanOrEqualTo(LEVEL0_TOLERANCE);
    }

    /**
     * Within half a step, except where the code range is one short: the signed max maps to the −2^(bits−1)
     * end, so a value of nearly the opposite magnitude needs code 2^bits and is clamped to 2^bits − 1,
     * up to one full step off (w/scale in (2^(bits−1) − ½, 2^(bits−1)]).
     */
    @ParameterizedTest(name = "int{0}, block {1}")
    @CsvSource({"4, 16", "4, 32", "4, 128", "8, 32", "8, 64"})
    void dequantizedWeightsAreWithinHalfAStepOfTheOriginalsOrOneStepWhereClamped(int bits, int block) {
        int n = 6;
        int k = 3 * block + 5;
        float[] w = gaussian(new Random(bits * 100 + block), n * k, 0.02f);
        BlockQuantizedWeight q = BlockQuantizedWeight.quantize(w, n, k, bits, block);
        float[] back = q.dequantize();
        int clamped = 0;
        for (int i = 0; i < w.length; i++) {
            float scale = q.scales()[(i / k) * q.blocks() + (i % k) / block];
            float step = Math.abs(scale);
            boolean atShortEnd = w[i] / scale > q.zeroPoint() - 0.5f;
            clamped += atShortEnd ? 1 : 0;
            assertThat(Math.abs(back[i] - w[i])).as("weight %d", i)
                    .isLessThanOrEqualTo((atShortEnd ? step : step / 2) * (1 + 1e-6f));
        }
        assertThat(clamped).as("values clamped at the short end").isLessThan(w.length / 20);
    }

    @Test
    void anAllZeroBlockGivesScaleZeroCodesAtTheZeroPointAndNoNaN() throws Exception {
        int n = 2;
        int k = 40;
        float[] w = gaussian(new Random(5), n * k, 0.1f);
        Arrays.fill(w, 0, k, 0f); // row 0: both blocks zero
        for (int bits : new int[] {4, 8}) {
            BlockQuantizedWeight q = BlockQuantizedWeight.quantize(w, n, k, bits, 32);
            assertThat(q.scales()[0]).isZero();
            assertThat(q.dequantize()).doesNotContain(Float.NaN);
            int zero = bits == 4 ? 0x88 : 0x80;
            assertThat(q.packed()[0] & 0xFF).isEqualTo(zero);
            float[] x = gaussian(new Random(6), 3 * k, 1f);
            Map<String, float[]> y = runBoth(new MatMulNBitsWriter(bits, 32, 0), w, q.dequantize(), x, 3, n, k);
            for (int row = 0; row < 3; row++) {
                assertThat(y.get("quantized")[row * n]).isZero();
                assertThat(Float.isFinite(y.get("quantized")[row * n + 1])).isTrue();
            }
        }
    }

    /**
     * Worked by hand with the rule of onnxruntime's quantizer (scale = −signed max / 8, code =
     * roundf(w / scale + 8) clamped to 0..15, even k in the low nibble), block 16, K = 18 (two blocks,
     * the second padded with code 0):
     * row 0 block 0: signed max −4 → scale 0.5; −4→0, 3.5→15, 3.75→15.5→16→15, 0.25→8.5→9 (half away
     * from zero), −0.75→6.5→7, 0→8, 1→10, −1→6, zeros→8. Row 0 block 1: [2, −1]: signed max 2 → scale
     * −0.25; 2→0, −1→12. Row 1 block 0: zeros → scale −0 (= −0/8), codes 8. Row 1 block 1: [−0.5, 0.5], a tie
     * → the negative one, scale 0.0625; −0.5→0, 0.5→16→15.
     */
    @Test
    void fourBitTinyExampleHasTheHandComputedBytesAndScales() {
        float[] w = new float[2 * 18];
        float[] row0 = {-4, 3.5f, 3.75f, 0.25f, -0.75f, 0, 1, -1};
        System.arraycopy(row0, 0, w, 0, row0.length);
        w[16] = 2;
        w[17] = -1;
        w[18 + 16] = -0.5f;
        w[18 + 17] = 0.5f;

        BlockQuantizedWeight q = BlockQuantizedWeight.quantize(w, 2, 18, 4, 16);

        assertThat(q.scales()).containsExactly(0.5f, -0.25f, -0f, 0.0625f); // −0/8, bit for bit as the C++
        assertThat(unsigned(q.packed())).containsExactly(
                0xF0, 0x9F, 0x87, 0x6A, 0x88, 0x88, 0x88, 0x88,
                0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88,
                0xF0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
    }

    /** 8 bits, one row [1, −0.5, 0.25], block 16: signed max 1 → scale −1/128; codes 128 − 128·w = 0, 192, 96; padding 0. */
    @Test
    void eightBitTinyExampleHasTheHandComputedBytesAndScale() {
        BlockQuantizedWeight q = BlockQuantizedWeight.quantize(new float[] {1, -0.5f, 0.25f}, 1, 3, 8, 16);

        assertThat(q.scales()).containsExactly(-0.0078125f);
        int[] expected = new int[16];
        expected[1] = 192;
        expected[2] = 96;
        assertThat(unsigned(q.packed())).containsExactly(expected);
    }

    @Test
    void theNodeHasOnnxRuntimesInputsAttributesAndShapesAndDeclaresTheContribDomainOnce() throws Exception {
        OnnxGraph g = new OnnxGraph("t");
        g.input("x", TensorProto.DataType.FLOAT, "m", 40L);
        MatMulNBitsWriter writer = new MatMulNBitsWriter(4);
        writer.linear(g, "l0", "x", new float[3 * 40], 3, 40);
        writer.linear(g, "l1", "x", new float[3 * 40], 3, 40); // a second Linear declares nothing new
        ModelProto model = ModelProto.parseFrom(g.toBytes());

        assertThat(model.getOpsetImportList()).filteredOn(o -> o.getDomain().equals("com.microsoft"))
                .singleElement().satisfies(o -> assertThat(o.getVersion()).isEqualTo(1));
        NodeProto node = model.getGraph().getNode(0);
        assertThat(node.getDomain()).isEqualTo("com.microsoft");
        assertThat(node.getOpType()).isEqualTo("MatMulNBits");
        assertThat(node.getInputList()).containsExactly("x", "l0.weight_Q4", "l0.weight_scales");
        Map<String, Long> attrs = node.getAttributeList().stream()
                .collect(Collectors.toMap(AttributeProto::getName, AttributeProto::getI));
        assertThat(attrs).containsExactlyInAnyOrderEntriesOf(
                Map.of("K", 40L, "N", 3L, "bits", 4L, "block_size", 32L, "accuracy_level", 4L));
        Map<String, TensorProto> inits = model.getGraph().getInitializerList().stream()
                .collect(Collectors.toMap(TensorProto::getName, t -> t));
        assertThat(inits.get("l0.weight_Q4").getDimsList()).containsExactly(3L, 2L, 16L);
        assertThat(inits.get("l0.weight_Q4").getDataType()).isEqualTo(TensorProto.DataType.UINT8_VALUE);
        assertThat(inits.get("l0.weight_scales").getDimsList()).containsExactly(6L);
        assertThat(inits.get("l0.weight_scales").getDataType()).isEqualTo(TensorProto.DataType.FLOAT_VALUE);
    }

    @Test
    void accuracyLevelZeroIsLeftOutAsOnnxRuntimesQuantizerDoes() throws Exception {
        OnnxGraph g = new OnnxGraph("t");
        new MatMulNBitsWriter(8, 32, 0).linear(g, "l", "x", new float[32], 1, 32);
        NodeProto node = ModelProto.parseFrom(g.toBytes()).getGraph().getNode(0);
        assertThat(node.getAttributeList()).extracting(AttributeProto::getName)
                .containsExactlyInAnyOrder("K", "N", "bits", "block_size");
    }

    @ParameterizedTest(name = "int{0}: M={1} N={2} K={3}")
    @CsvSource({"4, 1, 16, 1024", "4, 8, 16, 1000", "8, 1, 16, 1024", "8, 8, 16, 1000"})
    void accuracyLevel4StaysCloseToLevel0(int bits, int m, int n, int k) throws Exception {
        Random random = new Random(k + bits);
        float[] w = gaussian(random, n * k, 0.02f);
        float[] x = gaussian(random, m * k, 1f);
        float[] dq = BlockQuantizedWeight.quantize(w, n, k, bits, 32).dequantize();

        float[] level0 = runBoth(new MatMulNBitsWriter(bits, 32, 0), w, dq, x, m, n, k).get("quantized");
        float[] level4 = runBoth(new MatMulNBitsWriter(bits, 32, 4), w, dq, x, m, n, k).get("quantized");

        double error = maxErrorOverMagnitude(level4, level0, x, dq, m, n, k);
        System.out.printf("accuracy level 4 vs 0, int%d M=%d N=%d K=%d: max |Δ| / Σ|x·w| = %.2e%n", bits, m, n, k, error);
        assertThat(error).isLessThanOrEqualTo(LEVEL4_TOLERANCE);
    }

    @Test
    void refusesLayoutsTheKernelDoesNotTake() {
        assertThatThrownBy(() -> new MatMulNBitsWriter(3)).hasMessageContaining("bits must be 4 or 8");
        assertThatThrownBy(() -> new MatMulNBitsWriter(4, 48, 4)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new MatMulNBitsWriter(4, 8, 4)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new MatMulNBitsWriter(4, 32, 5)).hasMessageContaining("accuracy level");
        assertThatThrownBy(() -> BlockQuantizedWeight.quantize(new float[5], 2, 3, 4, 32)).hasMessageContaining("5 values");
    }

    @Test
    void roundsHalvesAwayFromZeroLikeRoundf() {
        assertThat(BlockQuantizedWeight.roundHalfAwayFromZero(2.5f)).isEqualTo(3f);
        assertThat(BlockQuantizedWeight.roundHalfAwayFromZero(-2.5f)).isEqualTo(-3f);
        assertThat(BlockQuantizedWeight.roundHalfAwayFromZero(0.49999997f)).isEqualTo(0f);
        assertThat(BlockQuantizedWeight.roundHalfAwayFromZero(6.5f)).isEqualTo(7f);
    }

    /** One graph, input x [M, K]: output "quantized" through the writer, "float" through an fp32 MatMul of {@code floatWeight}. */
    static Map<String, float[]> runBoth(MatMulNBitsWriter writer, float[] w, float[] floatWeight, float[] x, int m, int n, int k)
            throws Exception {
        OnnxGraph g = new OnnxGraph("linear");
        g.input("x", TensorProto.DataType.FLOAT, "m", (long) k);
        String quantized = g.named("quantized", "Identity", writer.linear(g, "q", "x", w, n, k));
        String plain = g.named("float", "Identity", LinearWriter.FP32.linear(g, "f", "x", floatWeight, n, k));
        g.output(quantized, TensorProto.DataType.FLOAT, "m", (long) n);
        g.output(plain, TensorProto.DataType.FLOAT, "m", (long) n);
        return GraphRun.run(g, x, m, k);
    }

    /** max over outputs of |a − b| / Σ_k |x·w|: the error relative to the size of the terms summed. */
    static double maxErrorOverMagnitude(float[] a, float[] b, float[] x, float[] w, int m, int n, int k) {
        double worst = 0;
        for (int row = 0; row < m; row++) {
            for (int col = 0; col < n; col++) {
                double magnitude = 0;
                for (int i = 0; i < k; i++) {
                    magnitude += Math.abs((double) x[row * k + i] * w[col * k + i]);
                }
                double diff = Math.abs((double) a[row * n + col] - b[row * n + col]);
                worst = Math.max(worst, magnitude == 0 ? diff : diff / magnitude);
            }
        }
        return worst;
    }

    static float[] gaussian(Random random, int count, float sigma) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }

    static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }
}
