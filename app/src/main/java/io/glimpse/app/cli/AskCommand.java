package io.glimpse.app.cli;

import io.glimpse.app.plan.AssumptionNotes;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.RequestTooLongException;
import io.glimpse.inference.vision.Stage;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ask", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask a vision-language model about images and videos; the answer streams to stdout.",
                "The request's token cost is checked against the context before anything is encoded.",
                "Ctrl+C cancels at any stage: what was answered so far is kept (finish reason CANCELLED, exit code 130)."})
final class AskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "the model folder (docs/model-format.md); required unless --endpoint")
    Path model;

    @Mixin
    RemoteOptions remote = new RemoteOptions();

    @Option(names = "--image", paramLabel = "FILE", description = "an image (repeatable, in prompt order)")
    List<Path> images = new ArrayList<>();

    @Option(names = "--ocr", paramLabel = "TEXT", description = "text an OCR found in an image (repeatable: the n-th goes with the n-th --image); "
            + "'auto' reads it with the built-in OCR, and a single --ocr auto reads every image")
    List<String> ocr = new ArrayList<>();

    @Option(names = "--ocr-model", paramLabel = "DIR", description = "recognition model + dictionary folder for --ocr auto (see glimpse ocr)")
    Path ocrModel;

    @Option(names = "--video", paramLabel = "FILE", description = "a video (repeatable)")
    List<Path> videos = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", description = "frames per video, spread evenly (default: " + AskRequest.DEFAULT_FRAMES + ")")
    Integer count;

    @Option(names = "--fps", paramLabel = "F", description = "frames per second of video instead of --count")
    Double fps;

    @Option(names = "--max-frames", paramLabel = "N", description = "upper bound of frames per video")
    Integer maxFrames;

    @Option(names = "--start", paramLabel = "SECONDS", defaultValue = "0", description = "sample videos from here (default: 0)")
    double start;

    @Option(names = "--end", paramLabel = "SECONDS", description = "sample videos up to here (default: the end)")
    Double end;

    @Option(names = "--max-grids", paramLabel = "G", defaultValue = "0", description = "grid limit per image (default: the model's)")
    int maxGrids;

    @Option(names = "--system", paramLabel = "TEXT", description = "system prompt")
    String system;

    @Option(names = "--history", paramLabel = "FILE", description = "earlier turns, a JSON array of {\"role\": \"user\"|\"assistant\", \"content\": TEXT}, for a follow-up question")
    Path history;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256", description = "most answer tokens (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Mixin
    SamplingOptions samplingOptions;

    @Mixin
    RuntimeMixin runtime;

    @Option(names = "--no-record", description = "do not record this run in the run history (glimpse history)")
    boolean noRecord;

    @Option(names = "--json", description = "print one JSON object at the end: the answer, the ledger and the timings (docs/cli.md)")
    boolean json;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "the question")
    String question;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Usage problems fail here, before the model's slow load.
        if (ocr.size() > images.size()) {
            throw new Main.UsageException(ocr.size() + " --ocr texts for " + images.size() + " images: give at most one per --image");
        }
        samplingOptions.sampling(Map.of());
        SamplingRequest frames = frames();
        List<ChatMessage> turns = history == null ? List.of() : HistoryFile.read(history);
        if (remote.endpoint != null) { // a server answers: --model, if given, only prices the request
            List<String> ocrTexts = OcrCommand.Hints.texts(images, ocr, ocrModel, runtime.options(), err, CancelToken.NONE);
            return RemoteAsk.run(remote, model, system, turns, images, ocrTexts, videos, frames, samplingOptions.sampling(Map.of()),
                    maxTokens, maxGrids, question, json, !noRecord, out, err);
        }
        if (model == null) {
            throw new Main.UsageException("give --model DIR (a model folder), or --endpoint URL (an OpenAI-compatible server)");
        }
        warmUpPrinting();
        // read before the model loads: the OCR text is part of the prompt the ledger prices
        List<String> ocrTexts = OcrCommand.Hints.texts(images, ocr, ocrModel, runtime.options(), err, CancelToken.NONE);
        CancelToken cancel = new CancelToken();
        Progress progress = new Progress(out, err);
        long loadStart = System.nanoTime();
        long startedMillis = System.currentTimeMillis();
        try (InterruptExit interrupt = new InterruptExit(cancel, out, err, o -> cancelledEarly(o, err, progress, loadStart));
             VisionLanguageModel m = VisionLanguageModel.open(model, runtime.options())) {
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            if (m.decoder().fallbackReason() != null) {
                err.println("glimpse: warning: " + m.decoder().fallbackReason());
            }
            SamplingParams sampling = samplingOptions.sampling(m.spec().sampling());
            AskRequest request = request(frames, new GenerationRequest(maxTokens, sampling, java.util.Set.of(), List.of()), ocrTexts)
                    .withHistory(turns);
            AskResult result = m.ask(request, progress, cancel);
            if (!interrupt.claimOutput()) {
                return Main.EXIT_CANCELLED; // the signal handler printed what there was and ends the process
            }
            int code = result.finishReason() == FinishReason.CANCELLED ? Main.EXIT_CANCELLED
                    : result.generation().error() != null ? 1 : 0;
            String stage = code == Main.EXIT_CANCELLED ? progress.stage() : null;
            if (json) {
                out.println(Json.write(AskJson.result(result, loadMs, m, stage)));
            } else {
                out.println();
                result.warnings().forEach(w -> err.println("glimpse: warning: " + w));
                List<String> assumed = new ArrayList<>(m.spec().notes());
                if (result.ledger() != null) {
                    assumed.addAll(result.ledger().assumptions());
                }
                AssumptionNotes.forRequest(assumed, !images.isEmpty(), !videos.isEmpty())
                        .forEach(a -> err.println("glimpse: assumed: " + a));
                err.println(summary(result, stage));
            }
            if (code == 1) {
                err.println("glimpse: generation failed: " + result.generation().error());
            }
            out.flush();
            if (!noRecord) {
                List<String> assumed = new java.util.ArrayList<>(m.spec().notes());
                if (result.ledger() != null) {
                    assumed.addAll(result.ledger().assumptions());
                }
                AskRequest sent = request;
                RunRecording.record(err, h -> io.glimpse.app.history.AskRuns.ask(h, startedMillis, model, m.spec().source(), sent, result,
                        loadMs, assumed));
            }
            err.flush();
            // after a Ctrl+C the handler now ends the process with this code, skipping the sessions' teardown
            interrupt.printed(code);
            return code;
        } catch (RequestTooLongException e) {
            throw new ModelFolderException(model, e.getMessage());
        }
    }

    /**
     * Loads and initialises the classes that print a result (Jackson, the formatter) on a side thread
     * while the model loads: the first use of Jackson costs 100-250 ms on a busy machine, which would
     * otherwise fall between a Ctrl+C and the exit.
     */
    private void warmUpPrinting() {
        Thread t = new Thread(() -> {
            Json.write(AskJson.cancelledEarly("", "load", 0));
            String.format(Locale.ROOT, "%s %d %.0f %.1f", "", 0, 0.0, 0.0);
        }, "glimpse-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private SamplingRequest frames() {
        FrameSelection selection = FrameOptions.selection(count, fps, null, 1, maxFrames, AskRequest.DEFAULT_FRAMES);
        if (end != null && end <= start) {
            throw new Main.UsageException("--end (" + end + ") must be after --start (" + start + ")");
        }
        return SamplingRequest.of(selection).withRange(start, end);
    }

    private AskRequest request(SamplingRequest frames, GenerationRequest generation, List<String> ocrTexts) {
        AskRequest r = AskRequest.of(question, generation).withFrames(frames, maxFrames == null ? Integer.MAX_VALUE : maxFrames)
                .withMaxGrids(maxGrids);
        if (system != null) {
            r = r.withSystem(system);
        }
        for (int i = 0; i < images.size(); i++) {
            r = r.withImage(images.get(i), ocrTexts.get(i));
        }
        for (Path v : videos) {
            r = r.withVideo(v);
        }
        return r;
    }

    /**
     * Streams the answer (unless --json), names each stage on stderr as it starts (on a terminal), and
     * keeps the stage running and the text so far for a result printed by the signal handler. Its
     * fields are read from the signal thread, hence volatile and synchronized.
     */
    private final class Progress implements AskListener {
        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean terminal = Main.stderrIsTerminal();
        private final StringBuilder text = new StringBuilder();
        private volatile Stage stage;

        Progress(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void onStage(Stage s, double fraction) {
            stage = s;
            if (terminal && fraction == 0 && s != Stage.DECODE) {
                err.println("glimpse: " + s.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "...");
            }
        }

        @Override
        public void onText(String piece) {
            synchronized (text) {
                text.append(piece);
            }
            if (!json) {
                out.print(piece);
                out.flush();
            }
        }

        /** The stage that was running, as in {@code cancelledDuring}: {@code load} before the first stage. */
        String stage() {
            Stage s = stage;
            return s == null ? "load" : s.name().toLowerCase(Locale.ROOT);
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }
    }

    /**
     * The result when a Ctrl+C found no stage able to stop within the grace period (the model still
     * loading, a native call that does not check its flag): the text so far, the stage and the time.
     */
    private void cancelledEarly(PrintWriter out, PrintWriter err, Progress progress, long start) {
        double totalMs = (System.nanoTime() - start) / 1e6;
        if (json) {
            out.println(Json.write(AskJson.cancelledEarly(progress.text(), progress.stage(), totalMs)));
        } else {
            out.println();
            err.println(String.format(Locale.ROOT, "glimpse: CANCELLED during %s; %.0f ms since the model began loading",
                    progress.stage().replace('_', ' '), totalMs));
        }
    }

    private static String summary(AskResult r, String cancelledDuring) {
        var t = r.timings();
        String reason = cancelledDuring == null ? r.finishReason().name()
                : r.finishReason() + " during " + cancelledDuring.replace('_', ' ');
        return String.format(Locale.ROOT, "glimpse: %s; prompt %d tokens (%d visual) of %d; %d generated; "
                        + "first token %.0f ms; %.1f tokens/s; total %.0f ms",
                reason, r.generation().promptTokens(), r.ledger() == null ? 0 : r.ledger().visualTokens(),
                r.ledger() == null ? 0 : r.ledger().contextLength(), r.generation().generatedTokens(),
                t.timeToFirstTokenMs(), t.decodeTokensPerSecond(), t.totalMs());
    }
}
