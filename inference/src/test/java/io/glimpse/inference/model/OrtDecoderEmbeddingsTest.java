package io.glimpse.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The onnxruntime-genai phi3-v dummy decoder takes inputs_embeds (its outputs are constant zeros). */
class OrtDecoderEmbeddingsTest {
    @Test
    void aDecoderThatTakesEmbeddingsRunsRowsAndRefusesTokenIds() throws Exception {
        ModelSpec spec = ModelFolder.read(Fixtures.folder("ort-genai/phi3-v-dummy"));
        try (OrtDecoder decoder = OrtDecoder.open(spec, RuntimeOptions.cpu())) {
            assertThat(decoder.takesEmbeddings()).isTrue();
            assertThat(decoder.embeddingWidth()).isEqualTo(3072);
            float[] logits = decoder.forwardEmbeddings(new float[2 * 3072], 2);
            assertThat(logits).hasSize(32064).containsOnly(0f);
            assertThat(decoder.position()).isEqualTo(2);
            assertThat(decoder.copyOutput("present.0.key")).hasSize(2 * 32 * 2 * 96);
            assertThatThrownBy(() -> decoder.copyOutput("received_embeds")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the last run has no tensor output received_embeds");
            assertThatThrownBy(() -> decoder.forward(new int[] {1})).isInstanceOf(IllegalStateException.class)
                    .hasMessage("this decoder takes embeddings (inputs_embeds), not token ids");
            assertThatThrownBy(() -> decoder.forwardEmbeddings(new float[100], 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("100 embedding values are not 1 rows of 3072");
            decoder.reset();
            assertThatThrownBy(() -> decoder.copyOutput("logits")).hasMessage("the decoder has not run since its last reset");
        }
    }

    @Test
    void aDecoderThatTakesIdsRefusesEmbeddings() throws Exception {
        try (OrtDecoder decoder = OrtDecoder.open(ModelFolder.read(Fixtures.folder("llama2c")), RuntimeOptions.cpu())) {
            assertThat(decoder.takesEmbeddings()).isFalse();
            assertThat(decoder.embeddingWidth()).isEqualTo(-1);
            assertThatThrownBy(() -> decoder.forwardEmbeddings(new float[8], 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("this decoder takes token ids (input_ids), not embeddings");
        }
    }
}
