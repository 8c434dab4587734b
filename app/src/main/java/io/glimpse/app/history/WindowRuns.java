package io.glimpse.app.history;

import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.ledger.TokenLedger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A window run (or any {@link AnswerRequest} with its result) as a {@link RunRecord}. Stateless. */
public final class WindowRuns {
    private WindowRuns() {
    }

    /**
     * The record of one run. Reads the media files' hashes (cached in {@code store}) and probes the
     * videos' headers for the frames sent, so call it off the UI thread.
     *
     * @param ledger      the ledger as it stood when the run started (what was priced), or null
     * @param assumptions what the plan assumed, in words
     */
    public static RunRecord record(HistoryStore store, String source, long startedMillis, Path modelFolder, String family,
                                   AnswerRequest request, AnswerResult result, TokenLedger ledger, List<String> assumptions) {
        List<RunRecord.Media> media = new ArrayList<>();
        for (AnswerRequest.Image i : request.images()) {
            media.add(RunRecords.image(store, i.file(), i.ocr()));
        }
        Map<String, Object> processor = new LinkedHashMap<>();
        processor.put("max_grids", request.maxGrids());
        for (AnswerRequest.Video v : request.videos()) {
            media.add(RunRecords.video(store, v.file(), RunRecords.plannedFrames(v.file(), v.sampling())));
            processor.put("frames " + v.file().getFileName(), v.sampling().toString());
        }
        List<RunRecord.Turn> history = new ArrayList<>();
        for (ChatMessage m : request.history()) {
            history.add(new RunRecord.Turn(m.role(), m.content()));
        }
        List<RunRecord.Stage> stages = new ArrayList<>();
        for (StageTime s : result.stages()) {
            stages.add(new RunRecord.Stage(s.name(), s.startMs(), s.durationMs()));
        }
        boolean timed = result.generatedTokens() > 0;
        RunRecord.Outcome outcome = new RunRecord.Outcome(result.finishReason().name().toLowerCase(Locale.ROOT), result.promptTokens(),
                ledger == null ? 0 : ledger.visualTokens(), result.generatedTokens(), timed ? result.timeToFirstTokenMs() : null,
                timed ? result.tokensPerSecond() : null, result.totalMs(), result.error());
        return new RunRecord(source, null, startedMillis, RunRecords.model(modelFolder, family), media, request.system(), history,
                request.prompt(), RunRecords.sampling(request.sampling(), request.maxNewTokens()), processor, assumptions,
                RunRecords.ledger(ledger), stages, result.text(), outcome);
    }
}
