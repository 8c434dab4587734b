package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.inference.Model;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.generate.GenerationResult;
import io.glimpse.inference.generate.TextListener;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.CancelToken;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The trained stories260K checkpoint, imported, reproduces llama2.c's golden greedy transcript. */
class StoriesImportTest {
    @TempDir
    Path tmp;

    static Path importStories(String fixture, Path out, Ops ops) throws Exception {
        new Importer().run(HfFixtures.folder(fixture), out, ImportOptions.defaults().withOps(ops).withPrecision(Precision.FP32),
                ImportListener.NONE, CancelToken.NONE);
        return out;
    }

    @ParameterizedTest
    @EnumSource(Ops.class)
    void theF32CheckpointGivesTheGoldenTextByteForByte(Ops ops) throws Exception {
        Path folder = importStories("stories260K-llama", tmp.resolve("stories"), ops);
        try (Model model = Model.open(folder, RuntimeOptions.cpu())) {
            GenerationResult r = model.generator().generate("Once upon a time", true,
                    new GenerationRequest(60, SamplingParams.greedy(), model.stopIds(), model.stopStrings()),
                    TextListener.NONE, CancelToken.NONE);
            assertThat(r.text()).isEqualTo(HfFixtures.STORIES_TEXT);
            assertThat(r.promptTokens()).isEqualTo(5);
            assertThat(HfFixtures.greedy(model.decoder(), HfFixtures.STORIES_PROMPT, 60))
                    .isEqualTo(HfFixtures.list(HfFixtures.STORIES_GOLDEN, 60));
            assertThat(model.stopIds()).containsExactly(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Ops.class)
    void theBf16AndShardedF16CheckpointsGiveTheFirst40GoldenIds(Ops ops) throws Exception {
        for (String fixture : new String[] {"stories260K-llama-bf16", "stories260K-llama-sharded"}) {
            Path folder = importStories(fixture, tmp.resolve(fixture), ops);
            try (Model model = Model.open(folder, RuntimeOptions.cpu())) {
                assertThat(HfFixtures.greedy(model.decoder(), HfFixtures.STORIES_PROMPT, 40)).as(fixture)
                        .isEqualTo(HfFixtures.list(HfFixtures.STORIES_GOLDEN, 40));
            }
        }
    }

    @Test
    void bothOpSetsGiveTheSameLogitsAtEveryStep() throws Exception {
        Path a = importStories("stories260K-llama", tmp.resolve("standard"), Ops.STANDARD);
        Path b = importStories("stories260K-llama", tmp.resolve("fused"), Ops.FUSED);
        try (Model standard = Model.open(a, RuntimeOptions.cpu()); Model fused = Model.open(b, RuntimeOptions.cpu())) {
            double worst = ExaoneImportTest.maxAbsDiff(standard.decoder().forward(HfFixtures.STORIES_PROMPT),
                    fused.decoder().forward(HfFixtures.STORIES_PROMPT));
            for (int i = 0; i < 20; i++) {
                int[] next = {HfFixtures.STORIES_GOLDEN[i]};
                worst = Math.max(worst, ExaoneImportTest.maxAbsDiff(standard.decoder().forward(next), fused.decoder().forward(next)));
            }
            assertThat(worst).isLessThan(1e-4);
            // the prompt in two chunks, the second over the cache (GroupQueryAttention's "subsequent prompt" case)
            standard.decoder().reset();
            float[] whole = standard.decoder().forward(HfFixtures.STORIES_PROMPT).clone();
            fused.decoder().reset();
            fused.decoder().forward(new int[] {1, 403, 407});
            assertThat(ExaoneImportTest.maxAbsDiff(fused.decoder().forward(new int[] {261, 378}), whole)).isLessThan(1e-4);
        }
    }

    @Test
    void fp16StorageOfTheF32WeightsGivesTheShardedF16CheckpointsIds() throws Exception {
        // the sharded fixture is these weights rounded to F16, so storing them as fp16 must give its first 40 golden ids
        Path out = tmp.resolve("fp16");
        ImportReport r = new Importer().run(HfFixtures.folder("stories260K-llama"), out,
                ImportOptions.defaults().withPrecision(Precision.FP16), ImportListener.NONE, CancelToken.NONE);
        assertThat(r.precision()).isEqualTo(Precision.FP16);
        assertThat(r.ops()).isEqualTo(Ops.FUSED);
        try (Model model = Model.open(out, RuntimeOptions.cpu())) {
            assertThat(HfFixtures.greedy(model.decoder(), HfFixtures.STORIES_PROMPT, 40))
                    .isEqualTo(HfFixtures.list(HfFixtures.STORIES_GOLDEN, 40));
        }
    }
}
