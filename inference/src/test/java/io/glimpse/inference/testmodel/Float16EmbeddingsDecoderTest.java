package io.glimpse.inference.testmodel;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.model.OrtDecoder;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A float16 decoder that takes embeddings (the dtype a real 3B export would use): one layer whose cache is
 * the received rows, logits[8 + i] = row[i], and {@code received_embeds} echoing its input as float32.
 * Proves OrtDecoder converts rows to halves, grows the cache and reads float16 logits.
 */
class Float16EmbeddingsDecoderTest {
    static final int D = 8;
    static final int V = 16;

    @TempDir
    Path tmp;

    static byte[] graph() {
        OnnxGraph g = new OnnxGraph("fp16_embeddings_decoder");
        String x = g.input("inputs_embeds", DataType.FLOAT16, 1, "seq", D);
        g.input("attention_mask", DataType.INT64, 1, "total");
        String pastK = g.input("past_key_values.0.key", DataType.FLOAT16, 1, 1, "past", D);
        String pastV = g.input("past_key_values.0.value", DataType.FLOAT16, 1, 1, "past", D);
        String asCache = g.op("Unsqueeze", x, g.vector("axis1", 1)); // [1, 1, seq, D]
        g.named("present.0.key", "Concat", attrs(Attr.i("axis", 2)), pastK, asCache);
        g.named("present.0.value", "Concat", attrs(Attr.i("axis", 2)), pastV, asCache);
        float[] w = new float[D * V];
        for (int i = 0; i < D; i++) {
            w[i * V + 8 + i] = 1;
        }
        String wide = g.op("Cast", attrs(Attr.i("to", 1)), x);
        g.named("logits", "Cast", attrs(Attr.i("to", 10)), g.op("MatMul", wide, g.floats("w", w, D, V)));
        g.named("received_embeds", "Identity", wide);
        g.output("logits", DataType.FLOAT16, 1, "seq", V);
        g.output("present.0.key", DataType.FLOAT16, 1, 1, "total", D);
        g.output("present.0.value", DataType.FLOAT16, 1, 1, "total", D);
        g.output("received_embeds", DataType.FLOAT, 1, "seq", D);
        return g.toBytes();
    }

    @Test
    void rowsBecomeHalvesTheCacheGrowsAndFloat16LogitsAreRead() throws Exception {
        Files.write(tmp.resolve("decoder.onnx"), graph());
        Files.writeString(tmp.resolve("glimpse.json"), """
                {"vocab_size": 16, "context_length": 32,
                 "decoder": {"file": "decoder.onnx", "inputs": {"inputs_embeds": "inputs_embeds", "position_ids": null},
                             "layers": 1, "kv_heads": 1, "head_size": 8, "kv_dtype": "float16"}}""");
        try (OrtDecoder decoder = OrtDecoder.open(ModelFolder.read(tmp), RuntimeOptions.cpu())) {
            assertThat(decoder.embeddingWidth()).isEqualTo(D);
            float[] rows = {0.5f, -1000f, 3.140625f, 0, 0, 0, 0, 0,
                            1f / 3, 0, 7f, 65504f, 0, 0, 0, 0.0001f};
            float[] logits = decoder.forwardEmbeddings(rows, 2);
            assertThat(decoder.copyOutput("received_embeds")).containsExactly(0.5f, -1000f, 3.140625f, 0, 0, 0, 0, 0,
                    (float) 0.333251953125, 0, 7f, 65504f, 0, 0, 0, (float) 0.00010001659393310547); // numpy float16 values
            assertThat(logits).hasSize(V);
            assertThat(logits[8 + 3]).isEqualTo(65504f); // the last row's logits
            assertThat(decoder.position()).isEqualTo(2);
            int next = decoder.forwardEmbeddingsArgmax(new float[] {0, 0, 0, 0, 0, 2.5f, 0, 0}, 1);
            assertThat(next).isEqualTo(8 + 5);
            assertThat(decoder.position()).isEqualTo(3);
        }
    }
}
