package io.glimpse.app.ui.vm;

import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.Reruns;
import io.glimpse.app.history.RunRecord;
import io.glimpse.app.history.RunRecords;
import io.glimpse.app.history.WindowRuns;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recorded run back in the workbench: its model folder, media, prompts, sampling and frame
 * settings on the controls, its earlier turns and answer in the chat; and the exact request that
 * runs it again. Stateless; {@link #apply} on the UI thread, {@link #request} anywhere.
 */
final class RecordRestore {
    private RecordRestore() {
    }

    /**
     * Puts {@code r} into the workbench. Files that are gone are named in a warning and left out;
     * the answer joins the chat (so a follow-up question carries it) when {@code withAnswer}.
     */
    static void apply(WorkbenchViewModel wb, RunRecord r, boolean withAnswer) {
        if (r.model() != null && r.model().folder() != null) {
            Path folder = Path.of(r.model().folder());
            if (!Files.isDirectory(folder)) {
                wb.messages().warn("the model folder of this run is gone: " + folder + "; the current one is kept");
            } else if (!folder.equals(wb.run().modelFolderProperty().get())) {
                wb.chooseModelFolder(folder);
            }
        }
        MediaListViewModel media = wb.media();
        for (var item : List.copyOf(media.items())) {
            media.remove(item);
        }
        // the first video's settings on the controls before the files are added, so the ledger and the strip
        // never show a frame count the run did not have; each video gets its own when it joins the list
        FrameControls controls = wb.controls();
        Map<Path, FrameControls.Values> frames = new java.util.HashMap<>();
        for (RunRecord.Media m : r.media()) {
            if ("video".equals(m.kind())) {
                frames.put(Path.of(m.path()).toAbsolutePath().normalize(), values(controls.current(), r, m));
            }
        }
        r.media().stream().filter(m -> "video".equals(m.kind())).findFirst()
                .ifPresent(v -> show(controls, frames.get(Path.of(v.path()).toAbsolutePath().normalize())));
        List<Path> files = new ArrayList<>();
        for (RunRecord.Media m : r.media()) {
            Path f = Path.of(m.path());
            if (Files.isRegularFile(f)) {
                files.add(f);
            } else {
                wb.messages().warn(f + ": the " + m.kind() + " of this run is gone");
            }
        }
        media.add(files);
        whenListed(media, controls, frames);
        for (RunRecord.Media m : r.media()) {
            if (!m.ocr().isEmpty()) {
                // kept by path, so it holds for the image still being probed in the background
                media.ocrTexts().put(Path.of(m.path()).toAbsolutePath().normalize(), m.ocr());
            }
        }
        PromptViewModel p = wb.prompts();
        p.systemProperty().set(r.system());
        p.promptProperty().set(r.question());
        sampling(p, r.sampling());
        Object grids = r.processor().get("max_grids");
        if (grids instanceof Number n && n.intValue() > 0) {
            wb.ledger().maxGridsProperty().set(n.intValue());
        }
        Conversation c = wb.run().conversation();
        c.clear();
        List<ChatMessage> earlier = new ArrayList<>();
        for (int i = 0; i + 1 < r.history().size(); i += 2) {
            RunRecord.Turn user = r.history().get(i);
            RunRecord.Turn assistant = r.history().get(i + 1);
            Exchange e = c.start(shown(r, user.text(), earlier));
            e.finish(new AnswerResult(assistant.text(), FinishReason.STOP, 0, 0, 0, 0, List.of(), null), true);
            earlier.add(ChatMessage.user(user.text()));
            earlier.add(ChatMessage.assistant(assistant.text()));
        }
        if (withAnswer) {
            c.start(shown(r, r.question(), earlier)).finish(result(r), true);
        }
    }

    /** A request for the chat to show (what was asked; its media are the record's). */
    private static AnswerRequest shown(RunRecord r, String question, List<ChatMessage> history) {
        return new AnswerRequest(r.system().isEmpty() ? null : r.system(), question, List.of(), List.of(), SamplingParams.greedy(), 1, 0,
                history);
    }

    /** The recorded outcome as the chat's figures. */
    static AnswerResult result(RunRecord r) {
        RunRecord.Outcome o = r.outcome();
        if (o == null) {
            return new AnswerResult(r.answer(), FinishReason.STOP, 0, 0, 0, 0, List.of(), null);
        }
        FinishReason reason;
        try {
            reason = FinishReason.valueOf(o.finishReason().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            reason = o.error() != null ? FinishReason.ERROR : FinishReason.STOP; // "stop string" and the like
        }
        List<io.glimpse.app.ui.engine.StageTime> stages = r.stages().stream()
                .map(s -> new io.glimpse.app.ui.engine.StageTime(s.name(), s.startMs(), s.durationMs())).toList();
        return new AnswerResult(r.answer(), reason, o.promptTokens(), o.generatedTokens(), o.ttftMs() == null ? 0 : o.ttftMs(),
                o.tokensPerSecond() == null ? 0 : o.tokensPerSecond(), stages, o.error());
    }

    /**
     * Gives each video its recorded settings as it joins the list (files are probed in the background,
     * and the list forgets the settings of a video not in it yet).
     */
    private static void whenListed(MediaListViewModel media, FrameControls controls, Map<Path, FrameControls.Values> frames) {
        Map<Path, FrameControls.Values> waiting = new java.util.HashMap<>(frames);
        Runnable apply = () -> {
            for (var item : media.videos()) {
                FrameControls.Values v = waiting.remove(item.file());
                if (v != null) {
                    controls.set(item, v);
                }
            }
        };
        apply.run();
        if (!waiting.isEmpty()) {
            media.items().addListener(new javafx.collections.ListChangeListener<>() {
                @Override
                public void onChanged(Change<? extends io.glimpse.app.ui.service.MediaItem> c) {
                    apply.run();
                    if (waiting.isEmpty()) {
                        media.items().removeListener(this);
                    }
                }
            });
        }
    }

    /** The recorded video's frame settings; a record without them gets its frame count, the rest from {@code now}. */
    private static FrameControls.Values values(FrameControls.Values now, RunRecord r, RunRecord.Media video) {
        Object saved = r.processor().get(WindowRuns.FRAME_SETTINGS + Path.of(video.path()).getFileName());
        if (saved instanceof Map<?, ?> m && m.get("select") != null) {
            boolean fps = "fps".equals(m.get("select"));
            int count = m.get("count") instanceof Number n ? n.intValue() : now.count();
            Object start = m.get("start");
            Object end = m.get("end");
            return new FrameControls.Values(fps, fps ? now.count() : count,
                    fps ? ((Number) m.get("fps")).doubleValue() : now.fps(),
                    fps ? ((Number) m.get("max_frames")).intValue() : Math.max(now.maxFrames(), count),
                    start instanceof Number s && s.doubleValue() > 0 ? plain(s.doubleValue()) : "",
                    end instanceof Number e ? plain(e.doubleValue()) : "", Boolean.TRUE.equals(m.get("dedupe")));
        }
        int n = video.frames().isEmpty() ? now.count() : video.frames().size();
        return now.withFrames(n);
    }

    private static void show(FrameControls c, FrameControls.Values v) {
        c.useFpsProperty().set(v.useFps());
        c.countProperty().set(v.count());
        c.fpsProperty().set(v.fps());
        c.maxFramesProperty().set(v.maxFrames());
        c.startProperty().set(v.start());
        c.endProperty().set(v.end());
        c.dedupeProperty().set(v.dedupe());
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The recorded sampling settings on the controls (a key the record lacks keeps the control's value). */
    private static void sampling(PromptViewModel p, Map<String, Object> s) {
        if (s.get("do_sample") instanceof Boolean b) {
            p.greedyProperty().set(!b);
        }
        if (s.get("temperature") instanceof Number n) {
            p.temperatureProperty().set(n.doubleValue());
        }
        if (s.get("top_k") instanceof Number n) {
            p.topKProperty().set(n.intValue());
        }
        if (s.get("top_p") instanceof Number n) {
            p.topPProperty().set(n.doubleValue());
        }
        if (s.get("min_p") instanceof Number n) {
            p.minPProperty().set(n.doubleValue());
        }
        if (s.get("repetition_penalty") instanceof Number n) {
            p.repetitionPenaltyProperty().set(n.doubleValue());
        }
        if (s.containsKey("seed")) {
            p.seedProperty().set(s.get("seed") == null ? "" : String.valueOf(((Number) s.get("seed")).longValue()));
        }
        if (s.get("max_new_tokens") instanceof Number n) {
            p.maxTokensProperty().set(Math.max(1, n.intValue()));
        }
    }

    /**
     * The exact request of {@code r}: the same files (checked against their recorded hashes), each
     * video's recorded frames by their times, the same history, sampling and seed. Reads files: call
     * it off the UI thread.
     *
     * @throws IllegalArgumentException naming the file, when a medium is gone or changed
     */
    static AnswerRequest request(HistoryStore store, RunRecord r) throws IOException {
        Reruns.request(store, r); // the command line's checks (file there, same bytes, frames recorded), same words
        List<AnswerRequest.Image> images = new ArrayList<>();
        List<AnswerRequest.Video> videos = new ArrayList<>();
        for (RunRecord.Media m : r.media()) {
            Path f = Path.of(m.path());
            if ("video".equals(m.kind())) {
                videos.add(new AnswerRequest.Video(f, SamplingRequest.of(new FrameSelection.Timestamps(
                        m.frames().stream().map(RunRecord.Frame::seconds).toList()))));
            } else {
                images.add(new AnswerRequest.Image(f, m.ocr()));
            }
        }
        List<ChatMessage> history = r.history().stream().map(t -> new ChatMessage(t.role(), t.text())).toList();
        int maxNew = r.sampling().get("max_new_tokens") instanceof Number n ? n.intValue() : 256;
        Object grids = r.processor().get("max_grids");
        return new AnswerRequest(r.system().isEmpty() ? null : r.system(), r.question(), images, videos,
                RunRecords.samplingParams(r.sampling()), maxNew, grids instanceof Number g ? g.intValue() : 0, history);
    }
}
