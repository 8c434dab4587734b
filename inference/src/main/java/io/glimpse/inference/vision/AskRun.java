package io.glimpse.inference.vision;

import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.generate.GenerationResult;
import io.glimpse.inference.generate.Generator;
import io.glimpse.inference.generate.PromptTooLongException;
import io.glimpse.inference.generate.Timings;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.TextCounter;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import io.glimpse.media.MediaException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@link VisionLanguageModel#ask}, top to bottom: decode media → ledger (refuse if over) →
 * preprocess → encode → stitch → prompt rows → generate. Holds the stage clocks. Used once, on one thread.
 */
final class AskRun {
    private final VisionLanguageModel model;
    private final AskRequest request;
    private final AskListener listener;
    private final CancelToken cancel;
    private final long start = System.nanoTime();
    private final List<String> warnings = new ArrayList<>();
    private double mediaMs;
    private double preprocessMs;
    private double encodeMs;
    private double stitchMs;
    private double embedMs;
    private double encodeRuntimeMs;
    private double embedRuntimeMs;
    private TokenLedger ledger;

    AskRun(VisionLanguageModel model, AskRequest request, AskListener listener, CancelToken cancel) {
        this.model = model;
        this.request = request;
        this.listener = listener;
        this.cancel = cancel;
    }

    AskResult run() throws MediaException, RequestTooLongException {
        VisionFrontEnd front = model.frontEnd();
        int grids = front.checkRequest(request);
        checkRequest();
        GenerationRequest generation = withModelStops(request.generation(), front.stopStrings());
        try {
            long t = System.nanoTime();
            listener.onStage(Stage.MEDIA_DECODE, 0);
            MediaStage.Decoded media = MediaStage.decode(request, model.imageLoader(), front::prepareFrame, cancel,
                    f -> listener.onStage(Stage.MEDIA_DECODE, f));
            warnings.addAll(media.warnings());
            mediaMs = since(t);

            LedgerRequest ledgerRequest = ledgerRequest(media, generation.maxNewTokens(), grids);
            ledger = front.ledger(ledgerRequest, TextCounter.of(model.tokenizer()));
            warnings.addAll(ledger.warnings());
            if (!ledger.fits()) {
                throw new RequestTooLongException(ledger);
            }

            t = System.nanoTime();
            listener.onStage(Stage.PREPROCESS, 0);
            List<VisualStage.Item> items = front.preprocess(media, grids, cancel, f -> listener.onStage(Stage.PREPROCESS, f));
            preprocessMs = since(t);

            t = System.nanoTime();
            long runtime = model.encoder().runNanos();
            listener.onStage(Stage.VISION_ENCODE, 0);
            List<float[]> encoded = VisualStage.encode(items, model.encoder(), front.tileSide(), cancel,
                    f -> listener.onStage(Stage.VISION_ENCODE, f));
            encodeRuntimeMs = (model.encoder().runNanos() - runtime) / 1e6;
            encodeMs = since(t);

            t = System.nanoTime();
            listener.onStage(Stage.PREFILL, 0);
            float[][] features = VisualStage.stitch(items, encoded, model.vision(), front.newline());
            stitchMs = since(t);
            cancel.throwIfCancelled();

            t = System.nanoTime();
            runtime = model.embedder().runNanos();
            int[] ids = model.tokenizer().encode(front.render(ledgerRequest), false);
            VisionSpec v = model.vision();
            float[] rows = PromptMerger.merge(ids, model.embedder().embed(ids), v.hiddenSize(),
                    v.imageTokenId(), features[0], v.videoTokenId(), features[1]);
            embedRuntimeMs = (model.embedder().runNanos() - runtime) / 1e6;
            embedMs = since(t);
            cancel.throwIfCancelled();
            return generate(ids, rows, generation);
        } catch (CancelledException e) {
            return cancelled();
        }
    }

    /** What every folder refuses: video without a placeholder or num_queries, a placeholder typed into the text. */
    private void checkRequest() {
        if (!request.videos().isEmpty() && !model.vision().takesVideo()) {
            throw new IllegalArgumentException("this model takes no video: glimpse.json wires no vision.video_token");
        }
        List<String> texts = new ArrayList<>(List.of(request.question(), request.system() == null ? "" : request.system()));
        request.images().forEach(i -> texts.add(i.ocr()));
        request.history().forEach(m -> texts.add(m.content()));
        for (String placeholder : new String[] {model.vision().imageToken(), model.vision().videoToken()}) {
            if (placeholder != null && texts.stream().anyMatch(t -> t.contains(placeholder))) {
                // it would become one more placeholder position than there are feature rows
                throw new IllegalArgumentException("the text contains the placeholder " + placeholder
                        + "; Glimpse places images and videos itself: remove it from the question, system prompt, OCR text or history");
            }
        }
        if (!request.videos().isEmpty() && !model.encoder().takesNumQueries()) {
            throw new IllegalArgumentException("this model's vision encoder has no num_queries input, so it cannot pool "
                    + "video grids (slow and fast): ask about images only");
        }
    }

    private GenerationRequest withModelStops(GenerationRequest g, List<String> frontEndStops) {
        Set<Integer> ids = new LinkedHashSet<>(g.stopIds());
        ids.addAll(model.spec().stopIds());
        Set<String> strings = new LinkedHashSet<>(g.stopStrings());
        strings.addAll(model.spec().stopStrings());
        strings.addAll(frontEndStops);
        return new GenerationRequest(g.maxNewTokens(), g.sampling(), ids, List.copyOf(strings), g.topLogprobs());
    }

    private LedgerRequest ledgerRequest(MediaStage.Decoded media, int reserve, int grids) {
        List<LedgerRequest.Image> images = new ArrayList<>();
        for (MediaStage.Image i : media.images()) {
            images.add(new LedgerRequest.Image(i.name(), i.image().width(), i.image().height(), i.ocr()));
        }
        List<LedgerRequest.Video> videos = new ArrayList<>();
        for (MediaStage.Video v : media.videos()) {
            videos.add(new LedgerRequest.Video(v.name(), v.frames().size(), v.durationSeconds()));
        }
        return new LedgerRequest(request.system(), request.history(), images, videos, request.question(), reserve,
                model.spec().contextLength(), grids);
    }

    private AskResult generate(int[] ids, float[] rows, GenerationRequest generation) {
        EmbeddedTokenDecoder decoder = new EmbeddedTokenDecoder(model.decoder(), model.embedder());
        int max = generation.maxNewTokens();
        decoder.onSteps(n -> {
            if (n == 1) {
                listener.onStage(Stage.PREFILL, 1); // the first step runs after the prompt's
                listener.onStage(Stage.DECODE, 0);
            }
            listener.onStage(Stage.DECODE, Math.min(1.0, (double) n / max));
        });
        long before = decoder.runNanos();
        long t = System.nanoTime();
        GenerationResult result;
        try {
            result = new Generator(decoder, model.tokenizer()).generate(ids, rows, generation, listener::onText, cancel);
        } catch (PromptTooLongException e) {
            // the ledger said it fits; a tokenizer that merges across block boundaries could still differ
            throw new IllegalStateException("the rendered prompt has " + e.promptTokens() + " tokens, the ledger counted "
                    + ledger.promptTokens() + ": " + e.getMessage(), e);
        }
        Timings g = result.timings();
        double runtime = (decoder.runNanos() - before) / 1e6;
        double atGenerate = (t - start) / 1e6;
        AskTimings timings = new AskTimings(mediaMs, preprocessMs, encodeMs, stitchMs, embedMs, g.prefillMs(),
                g.timeToFirstTokenMs() == 0 ? 0 : atGenerate + g.timeToFirstTokenMs(), g.decodeTokensPerSecond(), g.decodeWallMs(),
                since(start), encodeRuntimeMs, embedRuntimeMs, runtime - g.decodeRuntimeMs(), g.decodeRuntimeMs());
        return new AskResult(result, ledger, timings, warnings);
    }

    /** A result for a cancel request honoured before generation began. */
    private AskResult cancelled() {
        Timings none = new Timings(0, 0, 0, 0, 0, 0, 0, 0);
        GenerationResult result = new GenerationResult("", new int[0], FinishReason.CANCELLED,
                ledger == null ? 0 : ledger.promptTokens(), 0, none, null);
        AskTimings timings = new AskTimings(mediaMs, preprocessMs, encodeMs, stitchMs, embedMs, 0, 0, 0, 0, since(start),
                encodeRuntimeMs, embedRuntimeMs, 0, 0);
        return new AskResult(result, ledger, timings, warnings);
    }

    private static double since(long t) {
        return (System.nanoTime() - t) / 1e6;
    }
}
