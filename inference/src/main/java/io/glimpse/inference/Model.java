package io.glimpse.inference;

import io.glimpse.inference.chat.ChatTemplate;
import io.glimpse.inference.chat.ChatTemplates;
import io.glimpse.inference.generate.Generator;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.model.ModelSpec;
import io.glimpse.inference.model.OrtDecoder;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.Tokenizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A text model opened from a folder: its description, tokenizer, decoder and chat template,
 * checked against each other. Owns the decoder and tokenizer (close it). Not thread-safe: one
 * generation at a time.
 */
public final class Model implements AutoCloseable {
    private final ModelSpec spec;
    private final Tokenizer tokenizer;
    private final OrtDecoder decoder;
    private final ChatTemplate chatTemplate;
    private final Set<Integer> stopIds;
    private final List<String> stopStrings;
    private final double loadMs;

    private Model(ModelSpec spec, Tokenizer tokenizer, OrtDecoder decoder, ChatTemplate chatTemplate, double loadMs) {
        this.spec = spec;
        this.tokenizer = tokenizer;
        this.decoder = decoder;
        this.chatTemplate = chatTemplate;
        this.loadMs = loadMs;
        Set<Integer> ids = new LinkedHashSet<>(spec.stopIds());
        List<String> strings = new ArrayList<>(spec.stopStrings());
        if (chatTemplate != null) {
            for (String s : chatTemplate.stopStrings()) {
                tokenizer.idOf(s).ifPresent(ids::add); // a turn marker that is one token stops by id
                strings.add(s);
            }
        }
        this.stopIds = Set.copyOf(ids);
        this.stopStrings = List.copyOf(strings);
    }

    /**
     * @throws ModelFolderException for a folder that is missing files, has a malformed config, a decoder that
     *                              takes embeddings (a vision-language model),
     *                              a graph that does not match its wiring, or a tokenizer larger
     *                              than the model's vocabulary
     */
    public static Model open(Path folder, RuntimeOptions options) throws ModelFolderException {
        long start = System.nanoTime();
        ModelSpec spec = ModelFolder.read(folder);
        if (spec.decoder().takesEmbeddings()) {
            throw new ModelFolderException(folder, "the decoder takes embeddings (" + spec.decoder().inputsEmbeds()
                    + "), not token ids: a vision-language model, opened with VisionLanguageModel (glimpse ask)");
        }
        Tokenizer tokenizer = spec.tokenizerFile() != null ? Tokenizers.open(folder, spec.tokenizerFile()) : Tokenizers.open(folder);
        try {
            if (tokenizer.vocabSize() > spec.vocabSize()) {
                throw new ModelFolderException(folder, "the tokenizer has " + tokenizer.vocabSize()
                        + " tokens, more than the model's vocabulary of " + spec.vocabSize());
            }
            OrtDecoder decoder = OrtDecoder.open(spec, options);
            return new Model(spec, tokenizer, decoder, chatTemplateOf(spec, tokenizer), (System.nanoTime() - start) / 1e6);
        } catch (ModelFolderException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** The folder's chat template by {@link ChatTemplates#forFolder}'s rule, or null. */
    private static ChatTemplate chatTemplateOf(ModelSpec spec, Tokenizer tokenizer) throws ModelFolderException {
        return ChatTemplates.forFolder(spec.folder(), spec.chatTemplate(), spec.source(), tokenizer).orElse(null);
    }

    public Generator generator() {
        return new Generator(decoder, tokenizer);
    }

    public ModelSpec spec() {
        return spec;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public OrtDecoder decoder() {
        return decoder;
    }

    public Optional<ChatTemplate> chatTemplate() {
        return Optional.ofNullable(chatTemplate);
    }

    /** Ids that end generation: the config's EOS ids plus the chat template's turn markers that are single tokens. */
    public Set<Integer> stopIds() {
        return stopIds;
    }

    public List<String> stopStrings() {
        return stopStrings;
    }

    /** Milliseconds {@link #open} took. */
    public double loadMs() {
        return loadMs;
    }

    @Override
    public void close() {
        decoder.close();
        tokenizer.close();
    }
}
