package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.Model;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.vision.Npy;
import io.glimpse.media.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The random tiny EXAONE 3.5 (BF16, tied, GQA 4/2, head_dim 12, rope_theta 1e6), imported and run
 * through Model.open: last-position logits and the greedy path equal transformers' float32 reference
 * (reference.json) within 1e-4; the README shows that each common import mistake moves them by 2e-3 or more.
 */
class ExaoneImportTest {
    static final double TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Ops.class)
    void logitsAndGreedyIdsEqualTheReference(Ops ops) throws Exception {
        Path src = HfFixtures.folder("tiny-exaone");
        Path out = tmp.resolve("exaone");
        ImportReport report = new Importer().run(src, out, ImportOptions.defaults().withOps(ops).withPrecision(Precision.FP32),
                ImportListener.NONE, CancelToken.NONE);
        assertThat(report.architecture()).isEqualTo("ExaoneForCausalLM");
        JsonNode ref = new ObjectMapper().readTree(src.resolve("reference.json").toFile());
        float[] koRow = Npy.readVector(src.resolve("logits_last_ko_chat.npy"));
        try (Model model = Model.open(out, RuntimeOptions.cpu())) {
            assertThat(model.stopIds()).containsExactly(361);
            assertThat(model.chatTemplate()).isPresent(); // the checkpoint's own Jinja template
            for (JsonNode c : ref.get("cases")) {
                int[] ids = ints(c.get("input_ids"));
                model.decoder().reset();
                float[] logits = model.decoder().forward(ids).clone();
                JsonNode last = c.get("last_logits");
                JsonNode top = last.get("top_ids");
                for (int i = 0; i < top.size(); i++) {
                    assertThat((double) logits[top.get(i).asInt()]).as(c.get("name").asText() + " top " + i)
                            .isCloseTo(last.get("top_values").get(i).asDouble(), Offset.offset(TOLERANCE));
                }
                double sum = 0;
                for (float v : logits) {
                    sum += v;
                }
                assertThat(sum).isCloseTo(last.get("sum").asDouble(), Offset.offset(1e-2));
                if (c.get("name").asText().equals("ko_chat")) {
                    assertThat(maxAbsDiff(logits, koRow)).isLessThan(TOLERANCE);
                }
                List<Integer> greedy = new ArrayList<>();
                List<Double> top1 = new ArrayList<>();
                float[] row = logits;
                for (int step = 0; step < 24; step++) {
                    int next = argmax(row);
                    greedy.add(next);
                    top1.add((double) row[next]);
                    row = model.decoder().forward(new int[] {next});
                }
                assertThat(greedy).as(c.get("name").asText()).isEqualTo(list(c.get("greedy_24")));
                JsonNode expectedTop1 = c.get("greedy_24_top1_logit");
                for (int i = 0; i < 24; i++) {
                    assertThat(top1.get(i)).isCloseTo(expectedTop1.get(i).asDouble(), Offset.offset(TOLERANCE));
                }
            }
        }
        JsonNode glimpse = new ObjectMapper().readTree(out.resolve("glimpse.json").toFile());
        assertThat(glimpse.get("context_length").asInt()).isEqualTo(32768);
        assertThat(glimpse.get("chat_template").isNull()).isTrue();
        assertThat(Files.exists(out.resolve("vocab.json"))).isTrue();
        assertThat(Files.size(out.resolve("merges.txt"))).isEqualTo(Files.size(src.resolve("merges.txt")));
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] ints(JsonNode n) {
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asInt();
        }
        return out;
    }

    private static List<Integer> list(JsonNode n) {
        List<Integer> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asInt()));
        return out;
    }
}
