package io.glimpse.inference.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glimpse.inference.Model;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real tiny Llama through Model + Generator: llama2.c's published greedy text, byte for byte. */
class Stories260kGenerationTest {
    static final String GOLDEN = ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, "
            + "red ball. She wanted to play with it, but it was too high.\nLily";

    static Path folder() {
        String root = System.getProperty("glimpse.repoRoot");
        assumeTrue(root != null, "glimpse.repoRoot not set; skipped");
        Path p = Path.of(root, "..", "shared", "fixtures", "llama2c").normalize();
        assumeTrue(Files.exists(p), "fixture " + p + " absent; skipped");
        return p;
    }

    @Test
    void greedyGenerationReproducesTheGoldenTextAndStreamsItWhole() throws Exception {
        try (Model model = Model.open(folder(), RuntimeOptions.cpu())) {
            assertThat(model.stopIds()).containsExactly(1);
            List<String> pieces = new ArrayList<>();
            GenerationResult r = model.generator().generate("Once upon a time", true,
                    new GenerationRequest(60, SamplingParams.greedy(), model.stopIds(), model.stopStrings()),
                    pieces::add, CancelToken.NONE);
            assertThat(r.text()).isEqualTo(GOLDEN);
            assertThat(String.join("", pieces)).isEqualTo(GOLDEN);
            assertThat(r.promptTokens()).isEqualTo(5);
            assertThat(r.generatedTokens()).isEqualTo(60);
            assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(r.timings().prefillMs()).isPositive();
            assertThat(r.timings().decodeTokensPerSecond()).isPositive();
        }
    }

    @Test
    void seededSamplingIsReproducible() throws Exception {
        try (Model model = Model.open(folder(), RuntimeOptions.cpu())) {
            GenerationRequest req = new GenerationRequest(40, SamplingParams.defaults().withTemperature(0.9).withSeed(42L),
                    model.stopIds(), model.stopStrings());
            String first = model.generator().generate("Once upon a time", true, req, TextListener.NONE, CancelToken.NONE).text();
            String second = model.generator().generate("Once upon a time", true, req, TextListener.NONE, CancelToken.NONE).text();
            assertThat(first).isEqualTo(second).isNotEqualTo(GOLDEN.substring(0, Math.min(GOLDEN.length(), first.length())));
        }
    }

    @Test
    void aCancelStopsTheRunInProgressAndTheNextGenerationRunsAgain() throws Exception {
        try (Model model = Model.open(folder(), RuntimeOptions.cpu())) {
            GenerationRequest req = new GenerationRequest(60, SamplingParams.greedy(), model.stopIds(), model.stopStrings());
            CancelToken cancel = new CancelToken();
            // cancelled from the listener: the terminate flag is set before the next step's run, which ONNX Runtime
            // then refuses; the loop reports CANCELLED (not ERROR) with the text so far
            GenerationResult r = model.generator().generate("Once upon a time", true, req, piece -> cancel.cancel(), cancel);
            assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(r.error()).isNull();
            assertThat(r.generatedTokens()).isEqualTo(1);
            assertThat(r.text()).isEqualTo(GOLDEN.substring(0, r.text().length())).isNotEmpty();

            GenerationResult again = model.generator().generate("Once upon a time", true, req, TextListener.NONE, new CancelToken());
            assertThat(again.text()).isEqualTo(GOLDEN);
        }
    }

    /** "Once upon a time" as the llama2.c tokenizer encodes it, BOS first (fixtures README). */
    static final int[] PROMPT_IDS = {1, 403, 407, 261, 378};

    @Test
    void thePromptGivenAsIdsContinuesExactlyLikeTheTextPrompt() throws Exception {
        try (Model model = Model.open(folder(), RuntimeOptions.cpu())) {
            GenerationRequest req = new GenerationRequest(60, SamplingParams.greedy(), model.stopIds(), model.stopStrings());
            GenerationResult fromText = model.generator().generate("Once upon a time", true, req, TextListener.NONE, CancelToken.NONE);
            GenerationResult fromIds = model.generator().generate(PROMPT_IDS, req, TextListener.NONE, CancelToken.NONE);
            assertThat(model.tokenizer().encode("Once upon a time", true)).containsExactly(PROMPT_IDS);
            assertThat(fromIds.tokenIds()).containsExactly(fromText.tokenIds());
            assertThat(fromIds.text()).isEqualTo(GOLDEN);
            assertThat(fromIds.promptTokens()).isEqualTo(5);
        }
    }

    @Test
    void topLogprobsLeaveGreedyOutputAloneAndRankTheChosenTokenFirst() throws Exception {
        try (Model model = Model.open(folder(), RuntimeOptions.cpu())) {
            GenerationRequest req = new GenerationRequest(60, SamplingParams.greedy(), model.stopIds(), model.stopStrings())
                    .withTopLogprobs(5);
            GenerationResult r = model.generator().generate(PROMPT_IDS, req, TextListener.NONE, CancelToken.NONE);
            assertThat(r.text()).isEqualTo(GOLDEN); // the full-row path picks what the argmax path picked
            int[] ids = r.tokenIds();
            assertThat(r.logprobs()).hasSize(60);
            StringBuilder pieces = new StringBuilder();
            for (int i = 0; i < ids.length; i++) {
                TokenLogprobs t = r.logprobs().get(i);
                assertThat(t.id()).isEqualTo(ids[i]);
                assertThat(t.top()).hasSize(5);
                assertThat(t.top().get(0).id()).as("step %d", i).isEqualTo(ids[i]);
                assertThat(t.top().get(0).logprob()).isEqualTo(t.logprob());
                assertThat(t.top()).extracting(TokenLogprobs.Candidate::logprob)
                        .allSatisfy(lp -> assertThat(lp).isLessThanOrEqualTo(0.0))
                        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
                assertThat(t.top()).extracting(TokenLogprobs.Candidate::id).doesNotHaveDuplicates();
                pieces.append(t.piece());
            }
            assertThat(pieces.toString()).isEqualTo(GOLDEN);
            // llama2.c's published figure for the first token: p(",") = 0.9688 after the prompt
            assertThat(model.tokenizer().decode(new int[] {ids[0]}, true)).isEqualTo(",");
            assertThat(Math.exp(r.logprobs().get(0).logprob())).isCloseTo(0.9688, org.assertj.core.data.Offset.offset(5e-5));
        }
    }
}
