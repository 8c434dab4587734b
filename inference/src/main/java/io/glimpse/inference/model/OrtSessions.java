package io.glimpse.inference.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.glimpse.inference.ModelFolderException;
import java.nio.file.Path;

/**
 * Opens ONNX Runtime sessions with the requested execution provider. CUDA that cannot load (no
 * GPU, no CUDA libraries, or the CPU-only runtime jar) falls back to CPU, and the reason is kept
 * for the user to see: {@code getAvailableProviders()} lists CUDA even where it cannot load, so
 * only trying tells. Stateless and thread-safe; the caller owns (closes) each opened session.
 */
public final class OrtSessions {
    private OrtSessions() {
    }

    /** A session and the execution provider it really runs on. */
    public record Opened(OrtSession session, String provider, String fallbackReason) {
    }

    public static Opened open(Path folder, Path file, RuntimeOptions options) throws ModelFolderException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String fallback = null;
        if (options.cuda()) {
            try (OrtSession.SessionOptions so = baseOptions(options)) {
                so.addCUDA(0);
                return new Opened(env.createSession(file.toString(), so), "CUDA", null);
            } catch (OrtException | UnsatisfiedLinkError e) {
                fallback = "CUDA unavailable, running on CPU: " + firstLine(e.getMessage());
            }
        }
        try (OrtSession.SessionOptions so = baseOptions(options)) {
            return new Opened(env.createSession(file.toString(), so), "CPU", fallback);
        } catch (OrtException e) {
            throw new ModelFolderException(folder, "ONNX Runtime cannot load " + folder.relativize(file)
                    + " (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /**
     * Opens a model held in memory (one shipped as a class-path resource), as {@link #open(Path, Path, RuntimeOptions)}.
     *
     * @throws OrtException when ONNX Runtime cannot load it on CPU either
     */
    public static Opened open(byte[] model, RuntimeOptions options) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String fallback = null;
        if (options.cuda()) {
            try (OrtSession.SessionOptions so = baseOptions(options)) {
                so.addCUDA(0);
                return new Opened(env.createSession(model, so), "CUDA", null);
            } catch (OrtException | UnsatisfiedLinkError e) {
                fallback = "CUDA unavailable, running on CPU: " + firstLine(e.getMessage());
            }
        }
        try (OrtSession.SessionOptions so = baseOptions(options)) {
            return new Opened(env.createSession(model, so), "CPU", fallback);
        }
    }

    private static OrtSession.SessionOptions baseOptions(RuntimeOptions options) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (options.intraOpThreads() > 0) {
            so.setIntraOpNumThreads(options.intraOpThreads());
        }
        return so;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
