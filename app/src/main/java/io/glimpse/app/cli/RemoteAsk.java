package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.app.remote.RemoteEndpoint;
import io.glimpse.app.remote.RemoteEngine;
import io.glimpse.app.remote.RemoteException;
import io.glimpse.app.remote.RemotePricing;
import io.glimpse.app.ui.engine.AnswerListener;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.CancelToken;
import io.glimpse.media.video.SamplingRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code glimpse ask --endpoint URL}: the same request as a local ask, answered by a remote
 * OpenAI-compatible server; the answer streams to stdout, the diagnostics the client can see
 * (time to first token, tokens/s, stage times) and the ledger's prediction beside the server's
 * usage.prompt_tokens go to stderr (or into --json). The run is recorded in the history like a local
 * ask, its model being the endpoint (URL and model name).
 */
final class RemoteAsk {
    private RemoteAsk() {
    }

    /**
     * @param pricingFolder a local copy of the served model's folder (exact text counts), or null for the built-in profile
     */
    static int run(RemoteOptions o, Path pricingFolder, String system, List<ChatMessage> history, List<Path> images,
                   List<String> ocrTexts, List<Path> videos, SamplingRequest frames, SamplingParams sampling, int maxTokens,
                   int maxGrids, String question, boolean json, boolean record, PrintWriter out, PrintWriter err) throws Exception {
        long started = System.currentTimeMillis();
        if (!(o.timeoutSeconds > 0)) {
            throw new Main.UsageException("--remote-timeout must be positive, got " + o.timeoutSeconds);
        }
        Duration timeout = Duration.ofMillis(Math.round(o.timeoutSeconds * 1000));
        RemoteEndpoint endpoint = RemoteEndpoint.of(o.endpoint, o.apiKey(), o.remoteModel).withTimeouts(timeout, timeout);
        List<AnswerRequest.Image> imgs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            imgs.add(new AnswerRequest.Image(images.get(i), ocrTexts.get(i)));
        }
        List<AnswerRequest.Video> vids = videos.stream().map(v -> new AnswerRequest.Video(v, frames)).toList();
        AnswerRequest request = new AnswerRequest(system, question, imgs, vids, sampling, maxTokens, maxGrids, history);
        CancelToken cancel = new CancelToken();
        StringBuilder text = new StringBuilder();
        try (InterruptExit interrupt = new InterruptExit(cancel, out, err, w -> w.println());
             RemoteEngine engine = RemoteEngine.connect(endpoint, RemotePricing.open(pricingFolder), cancel)) {
            if (!images.isEmpty() || !videos.isEmpty()) {
                err.println("glimpse: images go as the original files and videos as the " + "sampled frames; "
                        + "AnyRes tiling and the prompt layout are the server's job");
            }
            RemoteEngine.RemoteAnswer a = engine.ask(request, new AnswerListener() {
                @Override
                public void onStage(String stage) {
                }

                @Override
                public void onText(String piece) {
                    text.append(piece);
                    if (!json) {
                        out.print(piece);
                        out.flush();
                    }
                }
            }, cancel);
            if (!interrupt.claimOutput()) {
                return Main.EXIT_CANCELLED;
            }
            AnswerResult r = a.result();
            int code = r.finishReason() == FinishReason.CANCELLED ? Main.EXIT_CANCELLED : r.error() != null ? 1 : 0;
            if (json) {
                out.println(Json.write(json(engine, a)));
            } else {
                out.println();
                if (a.comparison() != null) {
                    err.println("glimpse: " + a.comparison());
                }
                err.println(summary(engine, r));
            }
            if (r.error() != null) {
                err.println("glimpse: remote answer failed: " + r.error() + (r.text().isEmpty() ? ""
                        : " (the " + r.text().length() + " characters received are kept above)"));
            }
            out.flush();
            if (record) {
                RemoteEngine.RemoteAnswer answered = a;
                RunRecording.record(err, h -> io.glimpse.app.history.WindowRuns.record(h, "ask-remote", started, null, null, request,
                        answered.result(), answered.ledger(), answered.ledger() == null ? List.of() : answered.ledger().assumptions())
                        .withModel(new io.glimpse.app.history.RunRecord.Model(endpoint.base().toString(), endpoint.model(), "remote")));
            }
            err.flush();
            interrupt.printed(code);
            return code;
        } catch (RemoteException e) {
            err.println("glimpse: " + e.getMessage());
            return 1;
        }
    }

    private static String summary(RemoteEngine engine, AnswerResult r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "glimpse: %s on %s; prompt %d tokens; %d generated; first token %.0f ms; %.1f tokens/s; total %.0f ms",
                r.finishReason(), engine.name(), r.promptTokens(), r.generatedTokens(), r.timeToFirstTokenMs(),
                r.tokensPerSecond(), r.totalMs()));
        s.append(" (");
        for (int i = 0; i < r.stages().size(); i++) {
            StageTime t = r.stages().get(i);
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f ms", t.name(), t.durationMs()));
        }
        return s.append(')').toString();
    }

    private static ObjectNode json(RemoteEngine engine, RemoteEngine.RemoteAnswer a) {
        AnswerResult r = a.result();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("answer", r.text());
        n.put("finishReason", r.finishReason().name());
        if (r.error() != null) {
            n.put("error", r.error());
        }
        n.put("endpoint", engine.name());
        n.put("model", engine.model());
        ObjectNode t = n.putObject("timings");
        t.put("timeToFirstTokenMs", r.timeToFirstTokenMs());
        t.put("tokensPerSecond", r.tokensPerSecond());
        t.put("totalMs", r.totalMs());
        ObjectNode stages = t.putObject("stages");
        r.stages().forEach(st -> stages.put(st.name(), st.durationMs()));
        ObjectNode usage = n.putObject("usage");
        if (a.remote() != null) {
            usage.put("promptTokens", a.remote().promptTokens() < 0 ? null : a.remote().promptTokens());
            usage.put("completionTokens", a.remote().completionTokens());
            usage.put("reported", a.remote().usageReported());
        }
        if (a.ledger() != null) {
            ObjectNode l = n.putObject("ledger");
            l.put("promptTokens", a.ledger().promptTokens());
            l.put("visualTokens", a.ledger().visualTokens());
            l.put("estimated", a.ledger().estimated());
            if (a.remote() != null && a.remote().promptTokens() >= 0) {
                l.put("difference", a.remote().promptTokens() - a.ledger().promptTokens());
            }
            n.put("comparison", a.comparison());
        }
        return n;
    }
}
