package io.glimpse.app.history;

import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recorded run as the request that runs it again exactly: the same files (each checked against
 * its recorded hash), each video's recorded frames by their times, the same history, sampling
 * settings and seed. Stateless.
 */
public final class Reruns {
    private Reruns() {
    }

    /**
     * The ask request of {@code r}.
     *
     * @throws IllegalArgumentException naming the file, when a medium is missing or its bytes changed
     */
    public static AskRequest request(HistoryStore store, RunRecord r) throws java.io.IOException {
        List<AskRequest.Image> images = new ArrayList<>();
        List<Path> videos = new ArrayList<>();
        List<SamplingRequest> frames = new ArrayList<>();
        for (RunRecord.Media m : r.media()) {
            Path file = Path.of(m.path());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": the " + m.kind() + " of this run is gone; a re-run needs the same file");
            }
            String now = store.sha256(file);
            if (!now.equals(m.sha256())) {
                throw new IllegalArgumentException(file + ": the file changed since the run (sha256 " + now.substring(0, 12) + "…, recorded "
                        + m.sha256().substring(0, Math.min(12, m.sha256().length())) + "…); a re-run needs the same bytes");
            }
            if (m.kind().equals("video")) {
                if (m.frames().isEmpty()) {
                    throw new IllegalArgumentException(file + ": the run recorded no frames for this video, so it cannot be re-run exactly");
                }
                videos.add(file);
                frames.add(SamplingRequest.of(new FrameSelection.Timestamps(m.frames().stream().map(RunRecord.Frame::seconds).toList())));
            } else {
                images.add(new AskRequest.Image(file, m.ocr()));
            }
        }
        List<ChatMessage> history = new ArrayList<>();
        for (RunRecord.Turn t : r.history()) {
            history.add(new ChatMessage(t.role(), t.text()));
        }
        int maxNew = ((Number) r.sampling().get("max_new_tokens")).intValue();
        GenerationRequest generation = new GenerationRequest(maxNew, RunRecords.samplingParams(r.sampling()), Set.of(), List.of());
        Object grids = r.processor().get("max_grids");
        AskRequest base = new AskRequest(r.question(), r.system().isEmpty() ? null : r.system(), images, videos,
                frames.isEmpty() ? SamplingRequest.of(new FrameSelection.Count(AskRequest.DEFAULT_FRAMES)) : frames.get(0),
                Integer.MAX_VALUE, grids == null ? 0 : ((Number) grids).intValue(), generation, history);
        return frames.isEmpty() ? base : base.withVideoFrames(frames);
    }
}
