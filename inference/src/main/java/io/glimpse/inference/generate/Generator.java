package io.glimpse.inference.generate;

import io.glimpse.inference.InferenceException;
import io.glimpse.inference.model.Decoder;
import io.glimpse.inference.sampling.Sampler;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.TokenizerStream;
import io.glimpse.media.CancelToken;

/**
 * The generation loop: prefill the prompt, then one token per step — forward, sample, stop check,
 * decode, emit — until a stop id or string, the token limit, or a cancel request. With
 * {@link GenerationRequest#topLogprobs()} each step also takes the logprobs of the raw logits row
 * ({@link TokenLogprobs}); without it no step does.
 *
 * <p>Not thread-safe: one generation at a time per decoder. Borrows the decoder and tokenizer
 * (does not close them).
 */
public final class Generator {
    private final Decoder decoder;
    private final Tokenizer tokenizer;

    public Generator(Decoder decoder, Tokenizer tokenizer) {
        this.decoder = decoder;
        this.tokenizer = tokenizer;
    }

    /** Tokenizes {@code prompt} (adding the tokenizer's special tokens when asked) and generates. */
    public GenerationResult generate(String prompt, boolean addSpecialTokens, GenerationRequest request,
                                     TextListener listener, CancelToken cancel) throws PromptTooLongException {
        long start = System.nanoTime();
        int[] ids = tokenizer.encode(prompt, addSpecialTokens);
        return run(ids, null, request, listener, cancel, start, System.nanoTime() - start);
    }

    /** Generates after the given prompt ids. */
    public GenerationResult generate(int[] promptIds, GenerationRequest request, TextListener listener,
                                     CancelToken cancel) throws PromptTooLongException {
        return run(promptIds, null, request, listener, cancel, System.nanoTime(), 0);
    }

    /**
     * Generates after a prompt given twice: as ids (for penalties, stop checks and detokenizing) and as the
     * rows the decoder prefills from, {@code promptIds.length × hidden} floats (a vision-language prompt: token
     * embeddings with the image features merged in). The decoder must take embeddings
     * ({@link Decoder#forwardEmbeddings}); each generated token then goes through its {@code forward}.
     */
    public GenerationResult generate(int[] promptIds, float[] promptRows, GenerationRequest request, TextListener listener,
                                     CancelToken cancel) throws PromptTooLongException {
        return run(promptIds, promptRows, request, listener, cancel, System.nanoTime(), 0);
    }

    private GenerationResult run(int[] prompt, float[] promptRows, GenerationRequest request, TextListener listener,
                                 CancelToken cancel, long start, long tokenizeNanos) throws PromptTooLongException {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt is empty: nothing to continue from");
        }
        int max = request.maxNewTokens();
        if (prompt.length + max > decoder.contextLength()) {
            throw new PromptTooLongException(prompt.length, max, decoder.contextLength());
        }
        Sampler sampler = new Sampler(request.sampling());
        TokenizerStream stream = new TokenizerStream(tokenizer, true, prompt);
        StopStringFilter stops = new StopStringFilter(request.stopStrings());
        LogprobsRecorder logprobs = request.topLogprobs() > 0 ? new LogprobsRecorder(request.topLogprobs()) : null;
        int[] history = java.util.Arrays.copyOf(prompt, prompt.length + max);
        int length = prompt.length;
        int[] step = new int[1];
        StringBuilder text = new StringBuilder();
        FinishReason finish = FinishReason.LENGTH;
        String error = null;
        long prefillNanos = 0;
        long firstTokenAt = 0;
        long decodeStart = 0;
        long runAtDecodeStart = 0;

        decoder.reset();
        try (CancelToken.Registration stopRun = decoder.stopRunsOn(cancel)) {
            cancel.throwIfCancelled();
            long prefillStart = System.nanoTime();
            int token = promptRows == null ? forwardAndSample(prompt, sampler, history, length, logprobs)
                    : prefillRowsAndSample(promptRows, prompt.length, sampler, history, length, logprobs);
            firstTokenAt = System.nanoTime();
            prefillNanos = firstTokenAt - prefillStart;
            decodeStart = firstTokenAt;
            runAtDecodeStart = decoder.runNanos();
            while (true) {
                if (cancel.isCancelled()) {
                    finish = FinishReason.CANCELLED;
                    break;
                }
                if (request.stopIds().contains(token)) {
                    finish = FinishReason.STOP;
                    break;
                }
                history[length++] = token;
                String piece = stream.next(token);
                if (logprobs != null) {
                    logprobs.keep(token, piece);
                }
                emit(stops.accept(piece), text, listener);
                if (stops.stopped()) {
                    finish = FinishReason.STOP;
                    break;
                }
                if (length - prompt.length == max) {
                    break; // LENGTH
                }
                step[0] = token;
                token = forwardAndSample(step, sampler, history, length, logprobs);
            }
        } catch (io.glimpse.media.CancelledException e) {
            finish = FinishReason.CANCELLED;
        } catch (InferenceException e) {
            if (cancel.isCancelled()) {
                finish = FinishReason.CANCELLED; // the cancel request stopped a run in progress
            } else {
                finish = FinishReason.ERROR;
                error = e.getMessage();
            }
        }
        if (!stops.stopped()) {
            emit(stops.accept(stream.flush()), text, listener);
            emit(stops.flush(), text, listener);
        }
        long end = System.nanoTime();
        int generated = length - prompt.length;
        double decodeSeconds = firstTokenAt == 0 ? 0 : (end - firstTokenAt) / 1e9;
        Timings timings = new Timings(0, tokenizeNanos / 1e6, prefillNanos / 1e6,
                firstTokenAt == 0 ? 0 : (firstTokenAt - start) / 1e6,
                generated > 1 && decodeSeconds > 0 ? (generated - 1) / decodeSeconds : 0,
                (end - start) / 1e6,
                decodeStart == 0 ? 0 : (end - decodeStart) / 1e6,
                decodeStart == 0 ? 0 : (decoder.runNanos() - runAtDecodeStart) / 1e6);
        return new GenerationResult(text.toString(), java.util.Arrays.copyOfRange(history, prompt.length, length),
                finish, prompt.length, generated, timings, error, logprobs == null ? java.util.List.of() : logprobs.kept());
    }

    /**
     * Forward, process logits, sample, and measure the raw row when logprobs are asked for. Plain greedy decoding
     * without logprobs asks the decoder for its argmax, which a float16 decoder answers from the half bits without
     * converting the row; logprobs need the whole float row.
     */
    private int forwardAndSample(int[] tokens, Sampler sampler, int[] history, int length, LogprobsRecorder logprobs) {
        if (logprobs == null && sampler.isPlainArgmax()) {
            return decoder.forwardArgmax(tokens);
        }
        return sample(decoder.forward(tokens), sampler, history, length, logprobs);
    }

    /** The prefill of a prompt given as rows: forward, process logits, sample, as {@link #forwardAndSample}. */
    private int prefillRowsAndSample(float[] rows, int count, Sampler sampler, int[] history, int length,
                                     LogprobsRecorder logprobs) {
        if (logprobs == null && sampler.isPlainArgmax()) {
            return decoder.forwardEmbeddingsArgmax(rows, count);
        }
        return sample(decoder.forwardEmbeddings(rows, count), sampler, history, length, logprobs);
    }

    private int sample(float[] logits, Sampler sampler, int[] history, int length, LogprobsRecorder logprobs) {
        int token = sampler.next(logits, decoder.vocabSize(), history, length);
        if (logprobs != null) {
            logprobs.measure(logits, decoder.vocabSize(), token); // the sampler leaves the row as the model returned it
        }
        return token;
    }

    private static void emit(String piece, StringBuilder text, TextListener listener) {
        if (!piece.isEmpty()) {
            text.append(piece);
            listener.onText(piece);
        }
    }
}
