package io.glimpse.app.cli;

import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.ocr.OcrEngine;
import io.glimpse.inference.ocr.OcrListener;
import io.glimpse.inference.ocr.OcrModels;
import io.glimpse.inference.ocr.OcrResult;
import io.glimpse.inference.ocr.OcrTimings;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import io.glimpse.media.RgbImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the OCR hints cost: detection and recognition of a generated 1280x720 screenshot with 20 lines,
 * round by round, against the time to first token of an {@code ask} about the same picture on the
 * generated test model, and the memory the OCR adds (resident set peak, Linux; Java heap).
 */
@Command(name = "ocr", mixinStandardHelpOptions = true,
        description = "OCR time (detect + recognise) of a 1280x720 screenshot with 20 lines, its share of an ask's time to first token, and the memory it adds.")
final class OcrBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rounds", defaultValue = "3", description = "timed rounds after one warm-up (default: ${DEFAULT-VALUE})")
    int rounds;

    @Mixin
    RuntimeMixin runtime;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path tmp = Files.createTempDirectory("glimpse-bench-ocr");
        try {
            Path picture = tmp.resolve("screenshot.png");
            ImageIO.write(screenshot(), "png", picture.toFile());
            RgbImage rgb = io.glimpse.media.image.ImageLoader.defaults().load(picture);
            long rssBefore = procStatusKb("VmRSS");
            boolean peakReset = resetPeak();
            long heapBefore = usedHeap();
            long t0 = System.nanoTime();
            double best = Double.MAX_VALUE;
            OcrResult last = null;
            try (OcrEngine engine = OcrEngine.open(OcrModels.bundled(), runtime.options())) {
                double loadMs = (System.nanoTime() - t0) / 1e6;
                long heapPeak = usedHeap();
                out.printf(Locale.ROOT, "OCR of a 1280x720 screenshot, 20 lines (PP-OCRv4 det + v2 cls + PP-OCRv4 rec, %s); models loaded in %.0f ms%n",
                        runtime.options().cuda() ? "CUDA asked" : "CPU", loadMs);
                engine.read(rgb, true, OcrListener.NONE, CancelToken.NONE); // warm-up
                for (int r = 1; r <= rounds; r++) {
                    OcrResult res = engine.read(rgb, true, OcrListener.NONE, CancelToken.NONE);
                    heapPeak = Math.max(heapPeak, usedHeap());
                    OcrTimings t = res.timings();
                    out.printf(Locale.ROOT, "  round %d: %d lines; detect %.0f ms (resize+normalise %.0f, model %.0f, DB %.0f), "
                                    + "crop %.0f ms, classify %.0f ms, recognise %.0f ms; total %.0f ms%n", r, res.lines().size(), t.detectMs(),
                            t.detPreprocessMs(), t.detRunMs(), t.detPostprocessMs(), t.cropMs(), t.classifyMs(), t.recogniseMs(), t.totalMs());
                    best = Math.min(best, t.totalMs());
                    last = res;
                }
                long hwm = procStatusKb("VmHWM");
                out.printf(Locale.ROOT, "  fastest %.0f ms; %d of 20 lines read exactly%n", best, exact(last));
                out.printf(Locale.ROOT, "memory added: resident set peak %s; Java heap %+.1f MB (used, sampled)%n",
                        rssBefore < 0 || hwm < 0 ? "unknown (no /proc/self/status)"
                                : String.format(Locale.ROOT, "+%.1f MB%s", (hwm - rssBefore) / 1024.0,
                                peakReset ? "" : " (peak not reset: includes what ran before)"),
                        (heapPeak - heapBefore) / 1e6);
            }
            askShare(out, tmp, picture, last, best);
        } finally {
            BenchChildren.deleteTree(tmp);
        }
        return 0;
    }

    private void askShare(PrintWriter out, Path tmp, Path picture, OcrResult ocr, double ocrMs) throws Exception {
        Path folder = tmp.resolve("model");
        TestModelWriter.write(folder, TestModelWriter.Family.HCX_VISION, 0);
        GenerationRequest answer = new GenerationRequest(8, SamplingParams.greedy(), Set.of(), List.of());
        AskRequest request = AskRequest.of("What does the screen say?", answer).withImage(picture, ocr.text());
        double ttft = Double.MAX_VALUE;
        try (VisionLanguageModel m = VisionLanguageModel.open(folder, RuntimeOptions.cpu())) {
            for (int r = 0; r <= rounds; r++) {
                AskResult res = m.ask(request, AskListener.NONE, CancelToken.NONE);
                if (r > 0) {
                    ttft = Math.min(ttft, res.timings().timeToFirstTokenMs());
                }
            }
        }
        out.printf(Locale.ROOT, "ask about it on the generated test model (random weights, OCR text in the prompt): time to first token %.0f ms "
                + "(fastest of %d)%n", ttft, rounds);
        out.printf(Locale.ROOT, "  OCR adds %.0f ms before it: %.0f %% of the ask's time to first token, %.0f %% of OCR + time to first token%n",
                ocrMs, 100 * ocrMs / ttft, 100 * ocrMs / (ocrMs + ttft));
    }

    static final String[] WORDS = {"Invoice", "total", "due", "March", "account", "balance", "shipping", "order", "number", "Seoul",
            "paid", "amount", "tax", "receipt", "window", "settings", "profile", "upload", "report", "status"};

    static String line(int i) {
        return WORDS[i % WORDS.length] + " " + (1000 + 37 * i) + " " + WORDS[(i * 7 + 3) % WORDS.length];
    }

    /** A two-column screenshot: 20 lines, three sizes, sans-serif and serif, on white. */
    static BufferedImage screenshot() {
        BufferedImage img = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 1280, 720);
        g.setColor(new Color(40, 40, 40));
        for (int i = 0; i < 20; i++) {
            g.setFont(new Font(i % 2 == 0 ? Font.SANS_SERIF : Font.SERIF, Font.PLAIN, 20 + (i % 3) * 2));
            g.drawString(line(i), 60 + (i % 2) * 640, 60 + (i / 2) * 64);
        }
        g.dispose();
        return img;
    }

    private static int exact(OcrResult r) {
        java.util.Set<String> truth = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            truth.add(line(i));
        }
        return (int) r.lines().stream().filter(l -> truth.contains(l.text())).count();
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resets the resident set's high-water mark (Linux: writing 5 to clear_refs), so VmHWM then is this benchmark's peak. */
    private static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A field of /proc/self/status in kB, -1 when there is none (not Linux). */
    private static long procStatusKb(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field + ":")) {
                    return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
