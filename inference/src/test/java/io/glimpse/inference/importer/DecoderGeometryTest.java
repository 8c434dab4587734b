package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DecoderGeometryTest {
    @Test
    void absentOptionalKeysTakeTheTransformersDefaultsAndAreNoted() throws Exception {
        ObjectNode c = SafetensorsWriter.tinyLlamaConfig();
        c.remove("num_key_value_heads");
        c.remove("head_dim");
        c.remove("rope_theta");
        DecoderGeometry g = DecoderGeometry.read(c, DecoderArchitectures.LLAMA.keys(), Path.of("config.json"));
        assertThat(g.kvHeads()).isEqualTo(4);
        assertThat(g.headDim()).isEqualTo(8);
        assertThat(g.rope().theta()).isEqualTo(10000.0);
        assertThat(g.assumptions()).hasSize(3).anyMatch(n -> n.startsWith("head_dim absent: 8 = hidden_size / num_attention_heads"));
    }

    @Test
    void defaultInverseFrequenciesAreThetaToTheMinusTwoJOverHd() {
        float[] inv = new Rope(10000.0, null).inverseFrequencies(8);
        assertThat(inv).containsExactly(1.0f, 0.1f, 0.01f, 0.001f);
    }

    @Test
    void llama3ScalingKeepsHighFrequenciesDividesLowOnesAndBlendsTheMiddle() {
        // Llama 3.1: theta 500000, factor 8, low 1, high 4, original 8192; head_dim 128
        Rope plain = new Rope(500000.0, null);
        Rope scaled = new Rope(500000.0, new Rope.Llama3Scaling(8, 1, 4, 8192));
        float[] a = plain.inverseFrequencies(128);
        float[] b = scaled.inverseFrequencies(128);
        assertThat(b[0]).isEqualTo(a[0]); // wavelength 2π < 2048: unchanged
        assertThat(b[63]).isEqualTo(a[63] / 8f); // wavelength > 8192: divided by the factor
        int medium = 0;
        for (int j = 0; j < 64; j++) {
            double wavelen = 2 * Math.PI / a[j];
            if (wavelen >= 2048 && wavelen <= 8192) {
                double smooth = (8192 / wavelen - 1) / (4 - 1);
                assertThat((double) b[j]).isCloseTo((1 - smooth) * a[j] / 8 + smooth * a[j], org.assertj.core.data.Offset.offset(1e-9));
                medium++;
            }
        }
        assertThat(medium).isPositive();
    }

    @Test
    void theDefaultPrecisionIsInt4AboveOneBillionParameters() {
        assertThat(ImportOptions.defaultPrecision(1_000_000_000L)).isEqualTo(Precision.FP32);
        assertThat(ImportOptions.defaultPrecision(1_000_000_001L)).isEqualTo(Precision.INT4);
        assertThat(ImportOptions.defaultPrecision(260_000L)).isEqualTo(Precision.FP32);
        assertThat(ImportOptions.defaults().withPrecision(Precision.FP16).precisionFor(7_000_000_000L)).isEqualTo(Precision.FP16);
    }

    @Test
    void theHcxLanguageModelIsNamedUnderItsPrefix() {
        DecoderArchitecture.TensorNames n = DecoderArchitectures.LLAMA.names("language_model.");
        assertThat(n.layer(1, LayerTensor.Q_PROJ)).isEqualTo("language_model.model.layers.1.self_attn.q_proj.weight");
        assertThat(n.lmHead()).isEqualTo("language_model.lm_head.weight");
        assertThat(DecoderArchitectures.EXAONE.names("").layer(0, LayerTensor.GATE_PROJ)).isEqualTo("transformer.h.0.mlp.c_fc_0.weight");
    }

    @Test
    void rotaryTablesAreCosAndSinOfPositionTimesFrequencyAndStopOnACancel() {
        float[][] t = new Rope(10000.0, null).cosSinTables(4, 3);
        assertThat(t[0]).containsExactly(1f, 1f, (float) Math.cos(1), (float) Math.cos(0.01f), (float) Math.cos(2),
                (float) Math.cos(2 * 0.01f));
        assertThat(t[1][5]).isEqualTo((float) Math.sin(2 * 0.01f));
        io.glimpse.media.CancelToken cancel = new io.glimpse.media.CancelToken();
        cancel.cancel();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Rope(10000.0, null).cosSinTables(64, 100_000, cancel))
                .isInstanceOf(io.glimpse.media.CancelledException.class);
    }
}
