package io.glimpse.inference.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.CancelToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loop against rigged logits: every stop rule, the context guard, cancel and errors, exactly. */
class GeneratorTest {
    static final int V = FakeTokenizer.PIECES.size();
    static final int[] PROMPT = {8, 8};

    static GenerationRequest greedy(int max, Set<Integer> stopIds, List<String> stopStrings) {
        return new GenerationRequest(max, SamplingParams.greedy(), stopIds, stopStrings);
    }

    /** Plays tokens[i] at step i (step 0 = after prefill). */
    static FakeDecoder playing(int context, int... tokens) {
        return new FakeDecoder(V, context, step -> FakeDecoder.pick(V, tokens[Math.min(step, tokens.length - 1)]));
    }

    @Test
    void greedyFollowsTheLogitsAndStopsAtTheLengthLimit() throws Exception {
        FakeDecoder decoder = playing(100, 1, 2, 3, 1);
        List<String> pieces = new ArrayList<>();
        GenerationResult r = new Generator(decoder, new FakeTokenizer())
                .generate(PROMPT, greedy(4, Set.of(0), List.of()), pieces::add, CancelToken.NONE);
        assertThat(r.tokenIds()).containsExactly(1, 2, 3, 1);
        assertThat(r.text()).isEqualTo("ab ca");
        assertThat(String.join("", pieces)).isEqualTo("ab ca");
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.promptTokens()).isEqualTo(2);
        assertThat(r.generatedTokens()).isEqualTo(4);
        // prefill of the prompt, then one forward per generated token except the last
        assertThat(decoder.calls).containsExactly(PROMPT, new int[] {1}, new int[] {2}, new int[] {3});
    }

    @Test
    void anEndOfSequenceIdStopsAndIsNotEmitted() throws Exception {
        GenerationResult r = new Generator(playing(100, 1, 0, 2), new FakeTokenizer())
                .generate(PROMPT, greedy(10, Set.of(0), List.of()), TextListener.NONE, CancelToken.NONE);
        assertThat(r.tokenIds()).containsExactly(1);
        assertThat(r.text()).isEqualTo("a");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void aStopStringSpreadOverTokensStopsAndNoPartOfItIsEmitted() throws Exception {
        List<String> pieces = new ArrayList<>();
        GenerationResult r = new Generator(playing(100, 1, 4, 5, 6, 2), new FakeTokenizer())
                .generate(PROMPT, greedy(10, Set.of(), List.of("<|stop|>")), pieces::add, CancelToken.NONE);
        assertThat(r.text()).isEqualTo("a");
        assertThat(pieces).containsExactly("a");
        assertThat(r.tokenIds()).containsExactly(1, 4, 5, 6);
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void aPromptThatDoesNotFitWithItsOutputIsRefusedBeforeAnythingRuns() {
        FakeDecoder decoder = playing(10, 1);
        assertThatThrownBy(() -> new Generator(decoder, new FakeTokenizer())
                .generate(new int[] {8, 8, 8, 8, 8, 8}, greedy(5, Set.of(), List.of()), TextListener.NONE, CancelToken.NONE))
                .isInstanceOf(PromptTooLongException.class)
                .hasMessage("the prompt (6 tokens) plus the requested output (5 tokens) is 11 tokens, "
                        + "over the model's context length of 10 by 1");
        assertThat(decoder.calls).isEmpty();
    }

    @Test
    void exactlyFittingTheContextIsAllowed() throws Exception {
        GenerationResult r = new Generator(playing(10, 1), new FakeTokenizer())
                .generate(new int[] {8, 8, 8, 8, 8, 8}, greedy(4, Set.of(), List.of()), TextListener.NONE, CancelToken.NONE);
        assertThat(r.generatedTokens()).isEqualTo(4);
    }

    @Test
    void cancelEndsTheLoopWithinOneStep() throws Exception {
        CancelToken cancel = new CancelToken();
        FakeDecoder decoder = playing(100, 1, 2, 3, 1, 2, 3);
        List<String> pieces = new ArrayList<>();
        GenerationResult r = new Generator(decoder, new FakeTokenizer()).generate(PROMPT, greedy(50, Set.of(), List.of()),
                piece -> {
                    pieces.add(piece);
                    if (pieces.size() == 2) {
                        cancel.cancel();
                    }
                }, cancel);
        assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(r.tokenIds()).containsExactly(1, 2);
        assertThat(decoder.calls).hasSize(3); // prefill + the forward of token 2, nothing after the cancel
    }

    @Test
    void aRuntimeFailureEndsWithErrorAndKeepsTheTextSoFar() throws Exception {
        FakeDecoder decoder = playing(100, 1, 2, 3);
        decoder.failAtCall = 2;
        GenerationResult r = new Generator(decoder, new FakeTokenizer())
                .generate(PROMPT, greedy(50, Set.of(), List.of()), TextListener.NONE, CancelToken.NONE);
        assertThat(r.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(r.error()).isEqualTo("rigged failure");
        assertThat(r.text()).isEqualTo("ab");
    }

    @Test
    void theRepetitionPenaltySeesPromptAndGeneratedTokens() throws Exception {
        // token 1 scores 2.0, token 2 scores 1.9 at every step; penalty 1.2 turns a seen 1 into 1.667
        FakeDecoder decoder = new FakeDecoder(V, 100, step -> {
            float[] l = new float[V];
            l[1] = 2.0f;
            l[2] = 1.9f;
            return l;
        });
        SamplingParams p = SamplingParams.greedy().withRepetitionPenalty(1.2);
        GenerationResult r = new Generator(decoder, new FakeTokenizer())
                .generate(PROMPT, new GenerationRequest(3, p, Set.of(), List.of()), TextListener.NONE, CancelToken.NONE);
        // step 1: 1 (2.0 > 1.9); step 2: 1 seen → 1.667 < 1.9 → 2; step 3: both seen → 1.667 > 1.583 → 1
        assertThat(r.tokenIds()).containsExactly(1, 2, 1);
        GenerationResult seen = new Generator(decoder, new FakeTokenizer())
                .generate(new int[] {1}, new GenerationRequest(1, p, Set.of(), List.of()), TextListener.NONE, CancelToken.NONE);
        assertThat(seen.tokenIds()).containsExactly(2); // 1 is already in the prompt
    }

    @Test
    void badRequestsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> greedy(0, Set.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("max tokens must be at least 1, got 0");
        assertThatThrownBy(() -> new Generator(playing(10, 1), new FakeTokenizer())
                .generate(new int[0], greedy(1, Set.of(), List.of()), TextListener.NONE, CancelToken.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the prompt is empty: nothing to continue from");
    }

    /** Logprob of a 5 among {@code V - 1} zeros ({@link FakeDecoder#pick}), and of one of the zeros. */
    static final double PICKED = 5 - Math.log(Math.exp(5) + V - 1);
    static final double OTHER = -Math.log(Math.exp(5) + V - 1);

    static List<Integer> ids(List<TokenLogprobs.Candidate> top) {
        return top.stream().map(TokenLogprobs.Candidate::id).toList();
    }

    @Test
    void withoutLogprobsGreedyTakesTheDecodersArgmaxAndReportsNone() throws Exception {
        FakeDecoder decoder = playing(100, 1, 2, 3, 1);
        GenerationResult r = new Generator(decoder, new FakeTokenizer())
                .generate(PROMPT, greedy(4, Set.of(), List.of()), TextListener.NONE, CancelToken.NONE);
        assertThat(r.logprobs()).isEmpty();
        assertThat(decoder.argmaxCalls).isEqualTo(4).isEqualTo(decoder.calls.size());
    }

    @Test
    void topLogprobsGiveEveryTokenItsLogprobAndTheBestAlternativesFromTheFullRow() throws Exception {
        FakeDecoder decoder = playing(100, 1, 2, 3, 1);
        GenerationResult r = new Generator(decoder, new FakeTokenizer())
                .generate(PROMPT, greedy(4, Set.of(), List.of()).withTopLogprobs(3), TextListener.NONE, CancelToken.NONE);
        assertThat(r.tokenIds()).containsExactly(1, 2, 3, 1); // the same tokens as without logprobs
        assertThat(decoder.argmaxCalls).isZero(); // the float row was needed, so no argmax shortcut
        assertThat(r.logprobs()).extracting(TokenLogprobs::id).containsExactly(1, 2, 3, 1);
        assertThat(r.logprobs()).extracting(TokenLogprobs::piece).containsExactly("a", "b", " c", "a");
        for (TokenLogprobs t : r.logprobs()) {
            assertThat(t.logprob()).isCloseTo(PICKED, within(1e-12));
            assertThat(t.top()).hasSize(3);
            assertThat(t.top().get(0)).isEqualTo(new TokenLogprobs.Candidate(t.id(), t.logprob()));
            assertThat(t.top().get(1).logprob()).isCloseTo(OTHER, within(1e-12));
            assertThat(t.top().get(2).logprob()).isEqualTo(t.top().get(1).logprob());
        }
        // the zeros tie: the lowest ids other than the chosen one follow it
        assertThat(ids(r.logprobs().get(0).top())).containsExactly(1, 0, 2);
        assertThat(ids(r.logprobs().get(1).top())).containsExactly(2, 0, 1);
        assertThat(ids(r.logprobs().get(2).top())).containsExactly(3, 0, 1);
    }

    @Test
    void logprobsAreThoseOfTheRawLogitsNotOfThePenalisedRow() throws Exception {
        FakeDecoder decoder = new FakeDecoder(V, 100, step -> {
            float[] l = new float[V];
            l[1] = 2.0f;
            l[2] = 1.9f;
            return l;
        });
        GenerationRequest request = new GenerationRequest(3, SamplingParams.greedy().withRepetitionPenalty(1.2), Set.of(), List.of())
                .withTopLogprobs(2);
        GenerationResult r = new Generator(decoder, new FakeTokenizer()).generate(PROMPT, request, TextListener.NONE, CancelToken.NONE);
        assertThat(r.tokenIds()).containsExactly(1, 2, 1); // as in theRepetitionPenaltySeesPromptAndGeneratedTokens
        double lse = Math.log(Math.exp(2.0) + Math.exp((double) 1.9f) + (V - 2));
        TokenLogprobs second = r.logprobs().get(1);
        assertThat(second.id()).isEqualTo(2);
        assertThat(second.logprob()).isCloseTo(1.9f - lse, within(1e-12));
        // the penalty chose 2, but the model's own favourite is still 1
        assertThat(ids(second.top())).containsExactly(1, 2);
        assertThat(second.top().get(0).logprob()).isCloseTo(2.0 - lse, within(1e-12));
    }

    @Test
    void logprobsFollowTheGeneratedIdsWithoutTheStopIdAndKeepStopStringPieces() throws Exception {
        GenerationResult stopped = new Generator(playing(100, 1, 0, 2), new FakeTokenizer())
                .generate(PROMPT, greedy(10, Set.of(0), List.of()).withTopLogprobs(1), TextListener.NONE, CancelToken.NONE);
        assertThat(stopped.tokenIds()).containsExactly(1);
        assertThat(stopped.logprobs()).extracting(TokenLogprobs::id).containsExactly(1);

        GenerationResult string = new Generator(playing(100, 1, 4, 5, 6, 2), new FakeTokenizer())
                .generate(PROMPT, greedy(10, Set.of(), List.of("<|stop|>")).withTopLogprobs(1), TextListener.NONE, CancelToken.NONE);
        assertThat(string.text()).isEqualTo("a");
        assertThat(string.logprobs()).extracting(TokenLogprobs::piece).containsExactly("a", "<|", "stop", "|>");
    }

    @Test
    void aPromptPrefilledFromRowsGetsLogprobsForItsFirstTokenToo() throws Exception {
        FakeDecoder decoder = playing(100, 3, 2);
        GenerationResult r = new Generator(decoder, new FakeTokenizer()).generate(PROMPT, new float[2 * 4],
                greedy(2, Set.of(), List.of()).withTopLogprobs(1), TextListener.NONE, CancelToken.NONE);
        assertThat(decoder.calls).containsExactly(new int[2], new int[] {3}); // rows, then the first generated id
        assertThat(decoder.argmaxCalls).isZero();
        assertThat(r.logprobs()).extracting(TokenLogprobs::id).containsExactly(3, 2);
        assertThat(r.logprobs().get(0).top()).containsExactly(new TokenLogprobs.Candidate(3, r.logprobs().get(0).logprob()));
        assertThat(r.logprobs().get(0).logprob()).isCloseTo(PICKED, within(1e-12));
    }

    @Test
    void topLogprobsOutsideZeroToTwentyAreRefused() {
        assertThatThrownBy(() -> greedy(1, Set.of(), List.of()).withTopLogprobs(21))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("top logprobs must be between 0 (off) and 20, got 21");
        assertThatThrownBy(() -> greedy(1, Set.of(), List.of()).withTopLogprobs(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("top logprobs must be between 0 (off) and 20, got -1");
        assertThat(greedy(1, Set.of(), List.of()).withTopLogprobs(20).topLogprobs()).isEqualTo(20);
    }
}
