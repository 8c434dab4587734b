package io.glimpse.app.history;

import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.MediaException;
import io.glimpse.media.video.SamplingPlan;
import io.glimpse.media.video.SamplingRequest;
import io.glimpse.media.video.VideoProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The pieces of a {@link RunRecord} built from what a run had at hand. Stateless. */
public final class RunRecords {
    private RunRecords() {
    }

    /**
     * The model folder and a hash over the names, sizes and modification times of its files (top level
     * and {@code onnx/}): it changes when a config or a graph is replaced, and costs no read of the
     * weights. Null for no folder.
     */
    public static RunRecord.Model model(Path folder, String family) {
        if (folder == null) {
            return null;
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>();
            for (Path dir : List.of(folder, folder.resolve("onnx"))) {
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> s = Files.list(dir)) {
                        s.filter(Files::isRegularFile).forEach(files::add);
                    }
                }
            }
            files.sort(null);
            for (Path f : files) {
                String line = folder.relativize(f) + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis() + "\n";
                md.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return new RunRecord.Model(folder.toAbsolutePath().normalize().toString(), family, HexFormat.of().formatHex(md.digest()));
        } catch (IOException e) {
            return new RunRecord.Model(folder.toAbsolutePath().normalize().toString(), family, "unreadable: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** An image sent, with its size and hash (from the store's cache). */
    public static RunRecord.Media image(HistoryStore store, Path file, String ocr) {
        return new RunRecord.Media("image", abs(file), size(file), sha(store, file), List.of(), ocr);
    }

    /** A video sent, with the frames that were sent. */
    public static RunRecord.Media video(HistoryStore store, Path file, List<RunRecord.Frame> frames) {
        return new RunRecord.Media("video", abs(file), size(file), sha(store, file), frames, "");
    }

    /**
     * The frames {@code request} selects from {@code video} (a header probe, no decoding), as the
     * sampler plans them; empty when the file cannot be probed (the run itself reported why).
     */
    public static List<RunRecord.Frame> plannedFrames(Path video, SamplingRequest request) {
        try {
            var info = VideoProbe.probe(video);
            SamplingPlan plan = SamplingPlan.of(info, request);
            List<RunRecord.Frame> out = new ArrayList<>();
            for (int i = 0; i < plan.indices().size(); i++) {
                // frame i is shown at i / average fps (the plan's own rule); a Timestamps plan carries its times
                double t = plan.timestamps().isEmpty() ? plan.indices().get(i) / info.averageFps() : plan.timestamps().get(i);
                out.add(new RunRecord.Frame(plan.indices().get(i), t));
            }
            return out;
        } catch (MediaException | RuntimeException e) {
            return List.of();
        }
    }

    /** Sampling settings under Hugging Face's names. */
    public static Map<String, Object> sampling(SamplingParams p, int maxNewTokens) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("do_sample", p.doSample());
        m.put("temperature", p.temperature());
        m.put("top_k", p.topK());
        m.put("top_p", p.topP());
        m.put("min_p", p.minP());
        m.put("repetition_penalty", p.repetitionPenalty());
        m.put("seed", p.seed());
        m.put("max_new_tokens", maxNewTokens);
        return m;
    }

    /** The settings back from {@link #sampling}: what a re-run uses. */
    public static SamplingParams samplingParams(Map<String, Object> m) {
        Object seed = m.get("seed");
        return new SamplingParams(Boolean.TRUE.equals(m.get("do_sample")), num(m, "temperature"), (int) num(m, "top_k"), num(m, "top_p"),
                num(m, "min_p"), num(m, "repetition_penalty"), seed == null ? null : ((Number) seed).longValue());
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /** The ledger as parts ("system prompt", "video clip.mp4" ...) with their tokens, in order. */
    public static List<RunRecord.LedgerPart> ledger(TokenLedger ledger) {
        if (ledger == null) {
            return List.of();
        }
        List<RunRecord.LedgerPart> out = new ArrayList<>();
        for (LedgerSegment s : ledger.segments()) {
            String kind = s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            out.add(new RunRecord.LedgerPart(s.source() == null || s.source().isBlank() ? kind : kind + " " + s.source(), s.tokens()));
        }
        return out;
    }

    private static String abs(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String sha(HistoryStore store, Path file) {
        try {
            return store.sha256(file);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
