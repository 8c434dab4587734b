package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.app.history.AskRuns;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask about many media: one job per file of --media-dir, or per line of --jobs FILE.jsonl; one result line",
                "per job in --out (JSONL), the model loaded once. A job that fails is written with its error and the batch goes on;",
                "--resume skips jobs already in the output. Ctrl+C stops after the current job (again: stops it too), output complete."})
final class BatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the model folder")
    Path model;

    @Option(names = "--media-dir", paramLabel = "DIR", description = "one job per image or video in this folder (sorted by name)")
    Path mediaDir;

    @Option(names = "--jobs", paramLabel = "FILE.jsonl", description = "one job per line: {\"id\", \"media\": [paths], \"question\", "
            + "and optional system, count, fps, max_tokens, temperature, top_k, top_p, seed, greedy}")
    Path jobsFile;

    @Option(names = "--question", paramLabel = "TEXT", description = "the question (a job's own \"question\" wins)")
    String question;

    @Option(names = "--system", paramLabel = "TEXT", description = "system prompt")
    String system;

    @Option(names = "--count", paramLabel = "N", description = "frames per video (default: " + AskRequest.DEFAULT_FRAMES + ")")
    Integer count;

    @Option(names = "--fps", paramLabel = "F", description = "frames per second of video instead of --count")
    Double fps;

    @Option(names = "--max-frames", paramLabel = "N", description = "most frames per video")
    Integer maxFrames;

    @Option(names = "--max-grids", paramLabel = "G", defaultValue = "0", description = "grid limit per image (default: the model's)")
    int maxGrids;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256", description = "most answer tokens (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Mixin
    SamplingOptions samplingOptions;

    @Mixin
    RuntimeMixin runtime;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "the results, one JSON object per line")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE.csv", description = "also write the results as CSV")
    Path csv;

    @Option(names = "--resume", description = "skip the jobs whose id is already in --out and append the rest")
    boolean resume;

    @Option(names = "--no-record", description = "do not record the runs in the run history")
    boolean noRecord;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if ((mediaDir == null) == (jobsFile == null)) {
            throw new Main.UsageException("give either --media-dir DIR or --jobs FILE.jsonl");
        }
        if (mediaDir != null && (question == null || question.isBlank())) {
            throw new Main.UsageException("--media-dir needs --question");
        }
        samplingOptions.sampling(Map.of()); // bad options fail before the model loads
        List<String> skippedFiles = new ArrayList<>();
        List<BatchJobs.Job> jobs = mediaDir != null ? BatchJobs.fromFolder(mediaDir, question, skippedFiles)
                : BatchJobs.fromJsonl(jobsFile, question);
        skippedFiles.forEach(f -> err.println("glimpse: skipped " + f + " (not an image or video by its name)"));
        Set<String> done = resume ? BatchOutput.doneIds(out) : BatchOutput.requireFresh(out);
        List<BatchJobs.Job> todo = jobs.stream().filter(j -> !done.contains(j.id())).toList();
        if (!done.isEmpty()) {
            err.println("glimpse: resuming: " + (jobs.size() - todo.size()) + " of " + jobs.size() + " jobs are already in " + out);
        }
        AtomicInteger interrupts = new AtomicInteger();
        CancelToken[] current = {new CancelToken()};
        var previous = Signal.handle(new Signal("INT"), s -> {
            int n = interrupts.incrementAndGet();
            if (n == 1) {
                err.println();
                err.println("glimpse: stopping after the current job (Ctrl+C again stops it too)");
                err.flush();
            } else if (n == 2) {
                current[0].cancel();
            } else {
                Runtime.getRuntime().halt(Main.EXIT_CANCELLED);
            }
        });
        String group = "batch " + LocalDateTime.now().withNano(0);
        BatchProgress progress = new BatchProgress(err, todo.size(), Main.stderrIsTerminal());
        int ok = 0;
        int failed = 0;
        long wall0 = System.nanoTime();
        try (VisionLanguageModel m = VisionLanguageModel.open(model, runtime.options());
             HistoryStore history = noRecord ? null : openHistory(err);
             Writer lines = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            SamplingParams defaults = samplingOptions.sampling(m.spec().sampling());
            for (int i = 0; i < todo.size() && interrupts.get() == 0; i++) {
                BatchJobs.Job job = todo.get(i);
                progress.starting(i, job.id());
                current[0] = new CancelToken();
                ObjectNode line = run(m, job, defaults, current[0], history, group);
                if (line.hasNonNull("error")) {
                    failed++;
                } else {
                    ok++;
                }
                lines.write(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(line) + "\n"); // one write per line: the file is valid JSONL after any stop
                lines.flush();
                progress.finished(i + 1);
            }
        } finally {
            Signal.handle(new Signal("INT"), previous);
        }
        progress.end();
        if (csv != null) {
            BatchOutput.writeCsv(out, csv);
        }
        double wallS = (System.nanoTime() - wall0) / 1e9;
        boolean stopped = interrupts.get() > 0;
        err.printf(Locale.ROOT, "glimpse: %s%d of %d jobs run (%d ok, %d failed)%s in %.1f s; results in %s%s%n",
                stopped ? "stopped: " : "", ok + failed, todo.size(), ok, failed,
                done.isEmpty() ? "" : ", " + (jobs.size() - todo.size()) + " already done", wallS, out,
                noRecord ? "" : "; history group \"" + group + "\"");
        err.flush();
        return stopped ? Main.EXIT_CANCELLED : 0;
    }

    private static HistoryStore openHistory(PrintWriter err) {
        try {
            HistoryStore h = HistoryStore.open(HistoryStore.configuredFile());
            h.notices().forEach(n -> err.println("glimpse: " + n));
            return h;
        } catch (RuntimeException e) {
            err.println("glimpse: warning: the runs will not be recorded in the history: " + e.getMessage());
            return null;
        }
    }

    /** Runs one job; a job that cannot run is a line with its error. */
    private ObjectNode run(VisionLanguageModel m, BatchJobs.Job job, SamplingParams defaults, CancelToken cancel, HistoryStore history,
                           String group) {
        ObjectNode line = Json.object();
        line.put("id", job.id());
        var media = line.putArray("media");
        job.media().forEach(f -> media.add(f.toString()));
        line.put("question", job.question());
        long started = System.currentTimeMillis();
        try {
            AskRequest request = request(job, defaults);
            AskResult r = m.ask(request, AskListener.NONE, cancel);
            var g = r.generation();
            boolean timed = g.generatedTokens() > 0;
            line.put("answer", g.text());
            line.put("finishReason", g.finishReason().name());
            line.put("promptTokens", g.promptTokens());
            line.put("visualTokens", r.ledger() == null ? 0 : r.ledger().visualTokens());
            line.put("generatedTokens", g.generatedTokens());
            if (timed) {
                line.put("ttftMs", Json.round(r.timings().timeToFirstTokenMs()));
                line.put("tokensPerSecond", Json.round(r.timings().decodeTokensPerSecond()));
            } else {
                line.putNull("ttftMs");
                line.putNull("tokensPerSecond");
            }
            line.put("totalMs", Json.round(r.timings().totalMs()));
            if (g.error() != null) {
                line.put("error", g.error());
            } else {
                line.putNull("error");
            }
            if (history != null) {
                try {
                    line.put("runId", history.add(AskRuns.ask(history, started, model, m.spec().source(), request, r, 0, List.of())
                            .inGroup("batch", group)));
                } catch (RuntimeException e) {
                    line.putNull("runId");
                }
            }
        } catch (Exception e) {
            line.put("answer", "");
            line.put("finishReason", "ERROR");
            line.put("error", MessageText.of(e));
            if (history != null) { // the failure is a run of the batch too: recorded with its error
                try {
                    var sent = job.media().stream().map(f -> new io.glimpse.app.history.RunRecord.Media(
                            io.glimpse.app.plan.MediaFiles.isImage(f) ? "image" : "video", f.toAbsolutePath().normalize().toString(),
                            f.toFile().length(), "", List.of(), "")).toList();
                    var failed = new io.glimpse.app.history.RunRecord("batch", group, started,
                            io.glimpse.app.history.RunRecords.model(model, null), sent, system, List.of(), job.question(), Map.of(),
                            Map.of(), List.of(), List.of(), List.of(), "",
                            new io.glimpse.app.history.RunRecord.Outcome("error", 0, 0, 0, null, null, 0, MessageText.of(e)));
                    line.put("runId", history.add(failed));
                } catch (RuntimeException again) {
                    line.putNull("runId");
                }
            }
        }
        return line;
    }

    /** The ask of one job: the batch's settings with the job's own overrides. */
    private AskRequest request(BatchJobs.Job job, SamplingParams defaults) {
        JsonNode o = job.overrides();
        Integer jobCount = intOf(o, "count", count);
        Double jobFps = o != null && o.hasNonNull("fps") ? Double.valueOf(o.get("fps").asDouble()) : fps; // boxed: a null --fps stays null
        FrameSelection selection = FrameOptions.selection(jobCount, jobFps, null, 1, maxFrames, AskRequest.DEFAULT_FRAMES);
        SamplingParams s = defaults;
        if (o != null) {
            boolean greedy = o.has("greedy") ? o.get("greedy").asBoolean() : !s.doSample();
            s = new SamplingParams(!greedy, o.hasNonNull("temperature") ? o.get("temperature").asDouble() : s.temperature(),
                    intOf(o, "top_k", s.topK()), o.hasNonNull("top_p") ? o.get("top_p").asDouble() : s.topP(), s.minP(),
                    s.repetitionPenalty(), o.hasNonNull("seed") ? Long.valueOf(o.get("seed").asLong()) : s.seed()); // boxed: no seed stays null
        }
        GenerationRequest generation = new GenerationRequest(intOf(o, "max_tokens", maxTokens), s, Set.of(), List.of());
        AskRequest r = AskRequest.of(job.question(), generation).withFrames(SamplingRequest.of(selection),
                maxFrames == null ? Integer.MAX_VALUE : maxFrames).withMaxGrids(maxGrids);
        String sys = o != null && o.hasNonNull("system") ? o.get("system").asText() : system;
        if (sys != null) {
            r = r.withSystem(sys);
        }
        for (Path f : job.images()) {
            r = r.withImage(f, "");
        }
        for (Path f : job.videos()) {
            r = r.withVideo(f);
        }
        return r;
    }

    private static int intOf(JsonNode o, String key, int fallback) {
        return o != null && o.hasNonNull(key) ? o.get(key).asInt() : fallback;
    }

    private static Integer intOf(JsonNode o, String key, Integer fallback) {
        return o != null && o.hasNonNull(key) ? Integer.valueOf(o.get(key).asInt()) : fallback;
    }

    /** The one-line message of a failure (the file and the problem), without a stack trace. */
    static final class MessageText {
        private MessageText() {
        }

        static String of(Throwable e) {
            String m = e.getMessage();
            return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        }
    }

}
