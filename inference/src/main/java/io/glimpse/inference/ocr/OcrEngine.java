package io.glimpse.inference.ocr;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.model.OrtSessions;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import io.glimpse.media.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PaddleOCR on ONNX Runtime: text detection (DB), the optional 180-degree line classifier, recognition
 * (CTC), with PaddleOCR's pre- and post-processing and numbers ({@link TextDetector}, {@link LineReader}).
 * Thread-safe: ONNX Runtime sessions may run concurrently, and each read keeps its own state. Owns its
 * sessions (close it).
 */
public final class OcrEngine implements AutoCloseable {
    /** PaddleOCR's {@code drop_score}: lines read with less confidence are left out. */
    static final double DROP_SCORE = 0.5;

    private final OcrModels models;
    private final OrtSession det;
    private final OrtSession cls;
    private final OrtSession rec;
    private final CtcDecoder decoder;
    private final String fallbackReason;

    private OcrEngine(OcrModels models, OrtSession det, OrtSession cls, OrtSession rec, CtcDecoder decoder, String fallbackReason) {
        this.models = models;
        this.det = det;
        this.cls = cls;
        this.rec = rec;
        this.decoder = decoder;
        this.fallbackReason = fallbackReason;
    }

    /**
     * Opens the three sessions and checks that the recognition model reads as many classes as its
     * dictionary has characters (plus the CTC blank and the space).
     *
     * @throws ModelFolderException when a user-supplied recognition model does not load or does not fit its dictionary
     */
    public static OcrEngine open(OcrModels models, RuntimeOptions options) throws ModelFolderException {
        Path where = Path.of(models.id());
        List<OrtSession> opened = new ArrayList<>();
        try {
            OrtSessions.Opened d = OrtSessions.open(models.detection(), options);
            opened.add(d.session());
            OrtSession c = OrtSessions.open(models.classifier(), options).session();
            opened.add(c);
            OrtSession r;
            try {
                r = OrtSessions.open(models.recognition(), options).session();
            } catch (OrtException e) {
                throw new ModelFolderException(where, "ONNX Runtime cannot load the recognition model (" + e.getMessage() + ")", e);
            }
            opened.add(r);
            CtcDecoder decoder = new CtcDecoder(dictionary(models, where));
            checkRecognition(r, decoder, where);
            return new OcrEngine(models, d.session(), c, r, decoder, d.fallbackReason());
        } catch (OrtException e) {
            closeAll(opened);
            throw new ModelFolderException(where, "ONNX Runtime cannot load the OCR models (" + e.getMessage() + ")", e);
        } catch (ModelFolderException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static List<String> dictionary(OcrModels models, Path where) throws ModelFolderException {
        if (!models.dictionaryFromMetadata()) {
            return models.dictionary();
        }
        String chars = metadata(models.recognition(), "character");
        if (chars == null || chars.isEmpty()) {
            throw new ModelFolderException(where, "no dictionary: the folder has no *.txt file and the model's metadata has no "
                    + "'character' entry (give PaddleOCR's rec_char_dict_path file beside the model)");
        }
        return OcrModels.lines(chars);
    }

    /**
     * A metadata entry read from the model's own bytes. Not through {@code OrtSession.getMetadata()}: ONNX Runtime's
     * Java binding passes the string through JNI's modified UTF-8, which garbles characters outside the BMP and the
     * newline after them (PP-OCRv4's 6623-line dictionary comes back as 6621 lines).
     */
    static String metadata(byte[] model, String key) {
        try {
            for (ai.onnx.proto.OnnxMl.StringStringEntryProto e : ai.onnx.proto.OnnxMl.ModelProto.parseFrom(model).getMetadataPropsList()) {
                if (e.getKey().equals(key)) {
                    return e.getValue();
                }
            }
            return null;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            // ONNX Runtime has loaded these bytes already, so this is a model protobuf-java cannot read, not a user error
            throw new io.glimpse.inference.InferenceException("cannot read the recognition model's metadata: " + e.getMessage(), e);
        }
    }

    private static void checkRecognition(OrtSession r, CtcDecoder decoder, Path where) throws ModelFolderException, OrtException {
        NodeInfo in = r.getInputInfo().values().iterator().next();
        NodeInfo out = r.getOutputInfo().values().iterator().next();
        long[] inShape = ((TensorInfo) in.getInfo()).getShape();
        long[] outShape = ((TensorInfo) out.getInfo()).getShape();
        if (inShape.length != 4 || inShape[1] != 3 || (inShape[2] != LineReader.REC_HEIGHT && inShape[2] > 0) || outShape.length != 3) {
            throw new ModelFolderException(where, "not a PaddleOCR recognition model: it takes " + java.util.Arrays.toString(inShape)
                    + " and gives " + java.util.Arrays.toString(outShape) + " (expected [batch, 3, 48, width] in and "
                    + "[batch, steps, classes] out)");
        }
        long classes = outShape[2];
        if (classes > 0 && classes != decoder.classCount()) {
            throw new ModelFolderException(where, "the dictionary has " + (decoder.classCount() - 2) + " characters but the model reads "
                    + classes + " classes (expected the dictionary's characters + 2: the CTC blank and the space); "
                    + "the dictionary does not belong to this model");
        }
    }

    /** Why the sessions run on CPU although CUDA was asked for; null otherwise. */
    public String fallbackReason() {
        return fallbackReason;
    }

    public OcrModels models() {
        return models;
    }

    /**
     * Reads the text of {@code image}.
     *
     * @param classify  run the 180-degree classifier on each line (turns upside-down lines before reading them)
     * @throws io.glimpse.media.CancelledException when {@code cancel} trips, also in the middle of a model run
     */
    public OcrResult read(RgbImage image, boolean classify, OcrListener listener, CancelToken cancel) {
        long t0 = System.nanoTime();
        Pixels.Rgb rgb = new Pixels.Rgb(image.width(), image.height(), image.toByteArray());
        listener.onStage(OcrListener.Stage.DETECT);
        TextDetector.Detected d = TextDetector.detect(det, rgb, cancel);
        List<OcrLine> lines = new ArrayList<>();
        double[] lineTimes = new double[3];
        if (!d.boxes().isEmpty()) {
            lines = LineReader.read(rgb, d.boxes(), classify ? cls : null, rec, decoder, listener, cancel, lineTimes);
        }
        List<OcrLine> kept = lines.stream().filter(l -> l.confidence() >= DROP_SCORE && !l.text().isBlank()).toList();
        OcrTimings t = new OcrTimings(d.preprocessMs(), d.runMs(), d.postprocessMs(), lineTimes[0], lineTimes[1], lineTimes[2],
                (System.nanoTime() - t0) / 1e6);
        return new OcrResult(kept, image.width(), image.height(), d.width(), d.height(), t);
    }

    @Override
    public void close() {
        closeAll(List.of(det, cls, rec));
    }

    private static void closeAll(List<OrtSession> sessions) {
        for (OrtSession s : sessions) {
            try {
                s.close();
            } catch (OrtException e) {
                // closing a session only frees memory; nothing to tell the user
            }
        }
    }
}
