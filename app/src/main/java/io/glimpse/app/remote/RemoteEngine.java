package io.glimpse.app.remote;

import io.glimpse.app.ui.engine.AnswerEngine;
import io.glimpse.app.ui.engine.AnswerListener;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers on an OpenAI-compatible server instead of a local folder: prepares the media as
 * {@link RemoteMedia} does, prices exactly what is sent with {@link RemotePricing}, streams the answer
 * with {@link RemoteClient}. The stages the client can see are "decode" (reading and sampling the
 * media here), "prefill" (from sending to the first text: network, the server's queue, its
 * preprocessing and prefill) and "generation". Not thread-safe, as {@link AnswerEngine} allows.
 */
public final class RemoteEngine implements AnswerEngine {
    private final RemoteClient client;
    private final String model;
    private final RemotePricing pricing;
    private volatile String lastTokens; // "ledger P, server S (+D)", or null before the first answer

    /** A remote answer with what the window's result has no room for: the server's figures and the ledger. */
    public record RemoteAnswer(AnswerResult result, RemoteResult remote, TokenLedger ledger, String comparison) {
    }

    private RemoteEngine(RemoteClient client, String model, RemotePricing pricing) {
        this.client = client;
        this.model = model;
        this.pricing = pricing;
    }

    /**
     * Connects: the model is the endpoint's, else the first the server lists ({@code GET /v1/models},
     * which doubles as the connection test).
     *
     * @param pricing Glimpse's ledger for the requests, or null to send without a prediction; owned by the engine
     */
    public static RemoteEngine connect(RemoteEndpoint endpoint, RemotePricing pricing, CancelToken cancel) throws RemoteException {
        RemoteClient client = new RemoteClient(endpoint);
        String model = endpoint.model();
        try {
            if (model == null) {
                List<String> ids = client.models(cancel);
                if (ids.isEmpty()) {
                    throw new RemoteException(endpoint.resolve("models") + " lists no model; name one (--remote-model)");
                }
                model = ids.get(0);
            }
        } catch (RemoteException | RuntimeException e) {
            if (pricing != null) {
                pricing.close(); // the engine that would own it is never made
            }
            throw e;
        }
        return new RemoteEngine(client, model, pricing);
    }

    public String model() {
        return model;
    }

    /** The model and where it runs, e.g. "hcx (remote, http://gpu-box:8000/v1)". */
    public String name() {
        return model + " (remote, " + client.endpoint().base() + ")";
    }

    /**
     * {@link #name()}, then after an answer the ledger's prediction beside the server's count: the
     * window's status line is where a run's engine is described, and the window has no other place
     * for the server's figures.
     */
    @Override
    public String describe() {
        String last = lastTokens;
        return last == null ? name() : name() + "; last answer: " + last;
    }

    @Override
    public boolean acceptsMedia() {
        return true;
    }

    @Override
    public AnswerResult answer(AnswerRequest request, AnswerListener listener, CancelToken cancel) throws Exception {
        return ask(request, listener, cancel).result();
    }

    /**
     * @throws RemoteException             when no answer started (the message says why)
     * @throws io.glimpse.media.MediaException for media that cannot be read or sampled
     */
    public RemoteAnswer ask(AnswerRequest request, AnswerListener listener, CancelToken cancel) throws Exception {
        long t0 = System.nanoTime();
        List<StageTime> stages = new ArrayList<>();
        listener.onStage("decode");
        List<String> imageUrls = new ArrayList<>();
        List<RemoteMedia.Frames> videos = new ArrayList<>();
        try {
            for (AnswerRequest.Image i : request.images()) {
                imageUrls.add(RemoteMedia.imageDataUrl(i.file()));
            }
            for (AnswerRequest.Video v : request.videos()) {
                videos.add(RemoteMedia.videoFrames(v.file(), v.sampling(), cancel));
            }
        } catch (CancelledException e) {
            double ms = ms(t0);
            stages.add(new StageTime("decode", 0, ms));
            AnswerResult cancelled = new AnswerResult("", FinishReason.CANCELLED, 0, 0, -1, 0, stages, null);
            return new RemoteAnswer(cancelled, null, null, null);
        }
        TokenLedger ledger = pricing == null ? null : pricing.ledger(request, videos);
        double decodeMs = ms(t0);
        stages.add(new StageTime("decode", 0, decodeMs));
        listener.onStage("prefill");
        boolean[] first = {false};
        RemoteResult r = client.chat(ChatBody.of(model, request, imageUrls, videos), piece -> {
            if (!first[0]) {
                first[0] = true;
                listener.onStage("generation");
            }
            listener.onText(piece);
        }, cancel);
        double firstMs = r.timeToFirstTokenMs() < 0 ? r.totalMs() : r.timeToFirstTokenMs();
        stages.add(new StageTime("prefill", decodeMs, firstMs));
        if (r.timeToFirstTokenMs() >= 0) {
            stages.add(new StageTime("generation", decodeMs + firstMs, Math.max(0, r.totalMs() - firstMs)));
        }
        int promptTokens = r.promptTokens() >= 0 ? r.promptTokens() : ledger == null ? 0 : ledger.promptTokens();
        AnswerResult result = new AnswerResult(r.text(), r.finishReason(), promptTokens, r.completionTokens(),
                r.timeToFirstTokenMs() < 0 ? -1 : decodeMs + r.timeToFirstTokenMs(), r.tokensPerSecond(), stages, r.error());
        String comparison = ledger == null ? null : pricing.compare(ledger, r.promptTokens());
        if (ledger != null) {
            lastTokens = r.promptTokens() < 0 ? "ledger " + ledger.promptTokens() + " prompt tokens, the server sent no usage"
                    : String.format(java.util.Locale.ROOT, "ledger %d prompt tokens, server %d (%+d)", ledger.promptTokens(),
                    r.promptTokens(), r.promptTokens() - ledger.promptTokens());
        }
        return new RemoteAnswer(result, r, ledger, comparison);
    }

    @Override
    public void close() {
        if (pricing != null) {
            pricing.close();
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
