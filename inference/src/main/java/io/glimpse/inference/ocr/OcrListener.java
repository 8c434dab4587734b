package io.glimpse.inference.ocr;

/** Told as each stage of an OCR starts (on the thread that runs it), for progress and for cancel tests. */
@FunctionalInterface
public interface OcrListener {
    OcrListener NONE = stage -> { };

    /** The stages, in order; CLASSIFY only with the 180-degree classifier, and the last two only when there are boxes. */
    enum Stage { DETECT, CLASSIFY, RECOGNISE }

    void onStage(Stage stage);
}
