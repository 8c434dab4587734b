package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.ocr.OcrCache;
import io.glimpse.inference.ocr.OcrEngine;
import io.glimpse.inference.ocr.OcrLine;
import io.glimpse.inference.ocr.OcrListener;
import io.glimpse.inference.ocr.OcrModels;
import io.glimpse.inference.ocr.OcrResult;
import io.glimpse.inference.ocr.OcrTimings;
import io.glimpse.inference.ocr.Quad;
import io.glimpse.media.CancelToken;
import io.glimpse.media.image.ImageLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ocr", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read the text in an image with the built-in PaddleOCR models (PP-OCRv4), on this machine.",
                "Prints the lines in reading order (top to bottom, left to right); --json adds boxes, confidences and timings."})
final class OcrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the image")
    Path image;

    @Option(names = "--json", description = "print one JSON object: the lines with their boxes and confidences, and the timings (docs/cli.md)")
    boolean json;

    @Option(names = "--ocr-model", paramLabel = "DIR", description = "a PaddleOCR recognition model (*.onnx) and its dictionary (*.txt) "
            + "for another script (Korean, Japanese...), instead of the built-in Chinese/English one")
    Path ocrModel;

    @Option(names = "--no-classifier", description = "skip the 180-degree line classifier (upside-down lines are then misread)")
    boolean noClassifier;

    @Mixin
    RuntimeMixin runtime;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OcrModels models = Hints.models(ocrModel);
        ImageLoader.defaults().probeLoadable(image); // refuses an unreadable file before the models load
        long t0 = System.nanoTime();
        OcrResult r;
        try (OcrEngine engine = OcrEngine.open(models, runtime.options())) {
            double loadMs = (System.nanoTime() - t0) / 1e6;
            r = engine.read(ImageLoader.defaults().load(image), !noClassifier, OcrListener.NONE, CancelToken.NONE);
            if (json) {
                ObjectNode n = result(r);
                n.put("file", image.toString());
                n.put("sha256", OcrCache.sha256(image));
                n.put("models", models.id());
                n.put("classifier", !noClassifier);
                ((ObjectNode) n.get("timings")).put("loadMs", Json.round(loadMs));
                out.println(Json.write(n));
            } else {
                r.lines().forEach(l -> out.println(l.text()));
                err.println(summary(r, loadMs));
            }
        }
        out.flush();
        return 0;
    }

    static String summary(OcrResult r, double loadMs) {
        OcrTimings t = r.timings();
        return String.format(Locale.ROOT, "glimpse: %d lines; %dx%d read at %dx%d; detect %.0f ms, classify %.0f ms, recognise %.0f ms; "
                        + "total %.0f ms (models loaded in %.0f ms)", r.lines().size(), r.width(), r.height(), r.detectWidth(),
                r.detectHeight(), t.detectMs(), t.classifyMs(), t.recogniseMs(), t.totalMs(), loadMs);
    }

    static ObjectNode result(OcrResult r) {
        ObjectNode n = Json.object();
        n.put("width", r.width());
        n.put("height", r.height());
        n.put("detectWidth", r.detectWidth());
        n.put("detectHeight", r.detectHeight());
        ArrayNode lines = n.putArray("lines");
        for (OcrLine l : r.lines()) {
            ObjectNode o = lines.addObject();
            ArrayNode box = o.putArray("box");
            Quad q = l.box();
            for (int i = 0; i < 4; i++) {
                box.addArray().add((int) q.x(i)).add((int) q.y(i));
            }
            o.put("text", l.text());
            o.put("confidence", Json.round(l.confidence()));
        }
        n.put("text", r.text());
        OcrTimings t = r.timings();
        ObjectNode tn = n.putObject("timings");
        tn.put("detectPreprocessMs", Json.round(t.detPreprocessMs()));
        tn.put("detectRunMs", Json.round(t.detRunMs()));
        tn.put("detectPostprocessMs", Json.round(t.detPostprocessMs()));
        tn.put("cropMs", Json.round(t.cropMs()));
        tn.put("classifyMs", Json.round(t.classifyMs()));
        tn.put("recogniseMs", Json.round(t.recogniseMs()));
        tn.put("totalMs", Json.round(t.totalMs()));
        return n;
    }

    /**
     * {@code --ocr auto} of {@code plan} and {@code ask}: the OCR text of each image marked {@code auto}, read
     * with the built-in models (or {@code --ocr-model}) through the process's per-hash cache, so the image's
     * OCR block, and the ledger's count of it, holds what was read.
     */
    static final class Hints {
        static final String AUTO = "auto";

        private Hints() {
        }

        static OcrModels models(Path folder) throws ModelFolderException {
            return folder == null ? OcrModels.bundled() : OcrModels.recognitionFolder(folder);
        }

        /**
         * The OCR text of each image: the n-th {@code --ocr} goes with the n-th image, {@code auto} reads it, and a
         * single {@code --ocr auto} with several images reads them all. Says on {@code err} what was read.
         */
        static List<String> texts(List<Path> images, List<String> ocr, Path ocrModel, RuntimeOptions options, PrintWriter err,
                                  CancelToken cancel) throws Exception {
            boolean all = ocr.size() == 1 && AUTO.equals(ocr.get(0));
            boolean anyAuto = ocr.contains(AUTO);
            if (ocrModel != null && !anyAuto) {
                throw new Main.UsageException("--ocr-model is for --ocr auto: give --ocr auto to read the images' text");
            }
            List<String> out = new ArrayList<>();
            OcrEngine engine = null;
            try {
                for (int i = 0; i < images.size(); i++) {
                    String given = i < ocr.size() ? ocr.get(i) : "";
                    if (!(all || AUTO.equals(given))) {
                        out.add(given);
                        continue;
                    }
                    if (engine == null) {
                        engine = OcrEngine.open(models(ocrModel), options);
                    }
                    OcrEngine e = engine;
                    Path file = images.get(i);
                    OcrResult r = OcrCache.shared().get(file, e.models().id(),
                            (f, c) -> e.read(ImageLoader.defaults().load(f, c), true, OcrListener.NONE, c), cancel);
                    err.println(String.format(Locale.ROOT, "glimpse: ocr: %s: %d lines (%.0f ms)", file.getFileName(), r.lines().size(),
                            r.timings().totalMs()));
                    out.add(r.text());
                }
            } finally {
                if (engine != null) {
                    engine.close();
                }
            }
            return out;
        }
    }
}
