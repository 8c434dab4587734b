package io.glimpse.inference.tokenizer;

import io.glimpse.inference.ModelFolderException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Opens the tokenizer of a model folder, whatever its format. */
public final class Tokenizers {
    private Tokenizers() {}

    /**
     * Looks, in this order, for {@code tokenizer.json} (Hugging Face), {@code vocab.json} +
     * {@code merges.txt} (GPT-2 style byte-level BPE) and {@code tokenizer.bin} or a single
     * {@code tok*.bin} (llama2.c). The caller closes the result.
     *
     * @throws ModelFolderException "&lt;folder&gt;: no tokenizer found (...)" when none is there,
     *     or a one-line reason when the file cannot be read
     */
    public static Tokenizer open(Path modelFolder) throws ModelFolderException {
        if (!Files.isDirectory(modelFolder)) {
            throw new ModelFolderException(modelFolder, "not a folder");
        }
        Path json = modelFolder.resolve("tokenizer.json");
        if (Files.isRegularFile(json)) {
            return openFile(modelFolder, json);
        }
        if (Files.isRegularFile(modelFolder.resolve("vocab.json")) && Files.isRegularFile(modelFolder.resolve("merges.txt"))) {
            try {
                return HfTokenizer.fromJson(ByteLevelBpe.tokenizerJson(modelFolder));
            } catch (IOException | RuntimeException e) {
                throw new ModelFolderException(modelFolder, "cannot read vocab.json + merges.txt: " + e.getMessage(), e);
            }
        }
        Path bin = llama2cFile(modelFolder);
        if (bin != null) {
            return openFile(modelFolder, bin);
        }
        throw new ModelFolderException(modelFolder,
                "no tokenizer found (looked for tokenizer.json, vocab.json + merges.txt, tokenizer.bin/tok*.bin)");
    }

    /**
     * Opens a tokenizer file named by the caller (for example {@code "tokenizer": "tok512.bin"}
     * of a config): {@code *.json} as Hugging Face, {@code *.bin} as llama2.c.
     */
    public static Tokenizer open(Path modelFolder, String tokenizerFile) throws ModelFolderException {
        Path file = modelFolder.resolve(tokenizerFile);
        if (!Files.isRegularFile(file)) {
            throw new ModelFolderException(file, "tokenizer file not found");
        }
        return openFile(modelFolder, file);
    }

    private static Tokenizer openFile(Path folder, Path file) throws ModelFolderException {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".json")) {
                return HfTokenizer.load(file);
            }
            if (name.endsWith(".bin")) {
                return Llama2cTokenizer.load(file);
            }
        } catch (IOException | RuntimeException e) {
            // RuntimeException: DJL reports a malformed tokenizer.json or a missing native library so
            throw new ModelFolderException(file, "cannot read tokenizer: " + e.getMessage(), e);
        }
        throw new ModelFolderException(file, "unknown tokenizer format (expected .json or llama2.c .bin)");
    }

    /** tokenizer.bin, else the only tok*.bin; null if none. Several tok*.bin are ambiguous. */
    private static Path llama2cFile(Path folder) throws ModelFolderException {
        Path bin = folder.resolve("tokenizer.bin");
        if (Files.isRegularFile(bin)) {
            return bin;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "tok*.bin")) {
            ds.forEach(found::add);
        } catch (IOException e) {
            throw new ModelFolderException(folder, "cannot list folder: " + e.getMessage(), e);
        }
        Collections.sort(found);
        if (found.size() > 1) {
            throw new ModelFolderException(folder, "several llama2.c tokenizers " + found.stream().map(p -> p.getFileName().toString()).toList() + "; name one");
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
