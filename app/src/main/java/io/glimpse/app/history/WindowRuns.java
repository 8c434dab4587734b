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
    /** Key prefix (then the video's file name) of a video's frame settings in {@link RunRecord#processor()}. */
    public static final String FRAME_SETTINGS = "frame settings ";

    private WindowRuns() {
    }

    /**
     * A video's frame settings as plain values (select "count", "fps" or "times", count, fps,
     * max_frames, start, end, dedupe), so that opening the record puts them back on the controls;
     * the toString beside it is for people.
     */
    static Map<String, Object> frameSettings(io.glimpse.media.video.SamplingRequest s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.selection() instanceof io.glimpse.media.video.FrameSelection.Fps f) {
            m.put("select", "fps");
            m.put("fps", f.fps());
            m.put("max_frames", f.maxFrames());
        } else if (s.selection() instanceof io.glimpse.media.video.FrameSelection.Count c) {
            m.put("select", "count");
            m.put("count", c.frames());
        } else if (s.selection() instanceof io.glimpse.media.video.FrameSelection.Timestamps t) {
            m.put("select", "times");
            m.put("count", t.seconds().size());
        }
        m.put("start", s.startSeconds());
        m.put("end", s.endSeconds());
        m.put("dedupe", s.dedupeThreshold() > 0);
        return m;
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
            processor.put(FRAME_SETTINGS + v.file().getFileName(), frameSettings(v.sampling()));
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
