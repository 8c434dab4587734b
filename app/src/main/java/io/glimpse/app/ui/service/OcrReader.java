package io.glimpse.app.ui.service;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.ocr.OcrCache;
import io.glimpse.inference.ocr.OcrEngine;
import io.glimpse.inference.ocr.OcrListener;
import io.glimpse.inference.ocr.OcrModels;
import io.glimpse.inference.ocr.OcrResult;
import io.glimpse.media.CancelToken;
import io.glimpse.media.image.ImageLoader;
import java.nio.file.Path;

/**
 * The window's OCR: the built-in PaddleOCR models, opened on first use and kept for the process (the
 * sessions take ~0.5 s to open and ~100 MB; a window reads many images), results shared with the
 * command line's per-hash cache. Thread-safe; called on worker threads.
 */
public final class OcrReader {
    private static volatile OcrEngine engine;

    private OcrReader() {
    }

    /** The text of an image file, read once per distinct content. */
    public static OcrResult read(Path file, CancelToken cancel) throws Exception {
        OcrEngine e = engine();
        return OcrCache.shared().get(file, e.models().id(),
                (f, c) -> e.read(ImageLoader.defaults().load(f, c), true, OcrListener.NONE, c), cancel);
    }

    private static OcrEngine engine() throws ModelFolderException {
        OcrEngine e = engine;
        if (e == null) {
            synchronized (OcrReader.class) {
                e = engine;
                if (e == null) {
                    e = OcrEngine.open(OcrModels.bundled(), RuntimeOptions.cpu());
                    engine = e;
                }
            }
        }
        return e;
    }
}
