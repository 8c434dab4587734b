package io.glimpse.app.history;

import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.AskTimings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A command-line ask (or generate) as a {@link RunRecord}. Stateless. */
public final class AskRuns {
    private AskRuns() {
    }

    /** The record of {@code glimpse ask}: reads media hashes (cached in {@code store}) and video headers. */
    public static RunRecord ask(HistoryStore store, long startedMillis, Path modelFolder, String family, AskRequest request,
                                AskResult result, double loadMs, List<String> assumptions) {
        List<RunRecord.Media> media = new ArrayList<>();
        for (AskRequest.Image i : request.images()) {
            media.add(RunRecords.image(store, i.file(), i.ocr()));
        }
        Map<String, Object> processor = new LinkedHashMap<>();
        processor.put("max_grids", request.maxGrids());
        processor.put("max_frames", request.maxFrames());
        for (int v = 0; v < request.videos().size(); v++) {
            Path file = request.videos().get(v);
            media.add(RunRecords.video(store, file, RunRecords.plannedFrames(file, request.framesOf(v))));
            processor.put("frames " + file.getFileName(), request.framesOf(v).toString());
        }
        AskTimings t = result.timings();
        List<RunRecord.Stage> stages = new ArrayList<>();
        double at = 0;
        for (Object[] s : new Object[][] {{"load", loadMs}, {"decode", t.mediaDecodeMs()}, {"preprocess", t.preprocessMs()},
                {"encode", t.visionEncodeMs()}, {"prefill", t.prefillMs()}, {"generation", t.decodeMs()}}) {
            double ms = (double) s[1];
            if (ms > 0) {
                stages.add(new RunRecord.Stage((String) s[0], at, ms));
                at += ms;
            }
        }
        var g = result.generation();
        boolean timed = g.generatedTokens() > 0;
        RunRecord.Outcome outcome = new RunRecord.Outcome(g.finishReason().name().toLowerCase(Locale.ROOT), g.promptTokens(),
                result.ledger() == null ? 0 : result.ledger().visualTokens(), g.generatedTokens(),
                timed ? t.timeToFirstTokenMs() : null, timed ? t.decodeTokensPerSecond() : null, loadMs + t.totalMs(), g.error());
        return new RunRecord("ask", null, startedMillis, RunRecords.model(modelFolder, family), media, request.system(),
                turns(request.history()), request.question(),
                RunRecords.sampling(request.generation().sampling(), request.generation().maxNewTokens()), processor, assumptions,
                RunRecords.ledger(result.ledger()), stages, g.text(), outcome);
    }

    /** The record of {@code glimpse generate}: a text prompt, no media. */
    public static RunRecord generate(long startedMillis, Path modelFolder, String family, String system, String prompt,
                                     io.glimpse.inference.generate.GenerationRequest request,
                                     io.glimpse.inference.generate.GenerationResult r) {
        var t = r.timings();
        List<RunRecord.Stage> stages = new ArrayList<>();
        stages.add(new RunRecord.Stage("load", 0, t.loadMs()));
        stages.add(new RunRecord.Stage("tokenize", t.loadMs(), t.tokenizeMs()));
        stages.add(new RunRecord.Stage("prefill", t.loadMs() + t.tokenizeMs(), t.prefillMs()));
        stages.add(new RunRecord.Stage("generation", t.loadMs() + t.tokenizeMs() + t.prefillMs(), t.decodeWallMs()));
        boolean timed = r.generatedTokens() > 0;
        RunRecord.Outcome outcome = new RunRecord.Outcome(r.finishReason().name().toLowerCase(Locale.ROOT), r.promptTokens(), 0,
                r.generatedTokens(), timed ? t.timeToFirstTokenMs() : null, timed ? t.decodeTokensPerSecond() : null, t.totalMs(), r.error());
        return new RunRecord("generate", null, startedMillis, RunRecords.model(modelFolder, family), List.of(), system, List.of(), prompt,
                RunRecords.sampling(request.sampling(), request.maxNewTokens()), Map.of(), List.of(), List.of(), stages, r.text(), outcome);
    }

    static List<RunRecord.Turn> turns(List<ChatMessage> history) {
        List<RunRecord.Turn> out = new ArrayList<>();
        for (ChatMessage m : history) {
            out.add(new RunRecord.Turn(m.role(), m.content()));
        }
        return out;
    }
}
