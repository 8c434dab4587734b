package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.importer.DecoderBuilder.TensorSpec;
import io.glimpse.inference.importer.HcxVisionFolderJson.Placeholders;
import io.glimpse.inference.importer.hcx.EmbedTokensBuilder;
import io.glimpse.inference.importer.hcx.HcxVisionConfig;
import io.glimpse.inference.importer.hcx.ImageNewline;
import io.glimpse.inference.importer.hcx.VisionEncoderBuilder;
import io.glimpse.inference.importer.hcx.VisionEncoderTensors;
import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code HCXVisionForCausalLM} checkpoint (HyperCLOVAX-SEED-Vision) → the three-graph vision folder of
 * docs/model-format.md: {@code onnx/vision_encoder.onnx} (SigLIP + C-Abstractor, float32, or float16 tower
 * weights with {@code --precision fp16}), {@code onnx/embed_tokens.onnx}, {@code onnx/decoder_model_merged.onnx}
 * (the Llama under {@code language_model.}, taking {@code inputs_embeds}, at the requested precision and ops),
 * {@code image_newline.npy}, the copied tokenizer and settings, and glimpse.json with its {@code vision} block.
 * Everything is checked when constructed (config, tokenizer, placeholder ids); nothing is written until {@link #write}.
 * Not thread-safe.
 */
final class HcxVisionImport implements FolderImport {
    static final String ARCHITECTURE = "HCXVisionForCausalLM";
    static final String MAPS = "vision_model.vision_model.* (SigLIP up to use_nth_layer) + mm_projector.* (C-Abstractor) "
            + "→ onnx/vision_encoder.onnx; language_model.model.embed_tokens → onnx/embed_tokens.onnx; the rest of "
            + "language_model.* (Llama, text_config) → onnx/decoder_model_merged.onnx (inputs_embeds); image_newline "
            + "→ image_newline.npy";
    static final String NOTES = "needs tokenizer.json (placeholder texts for image_token_id / video_token_id); "
            + "int4/int8 apply to the language model, the vision tower stays fp32 (fp16 with --precision fp16); "
            + "text_config.model_type other than llama refused";
    /** The HCX turn-end markers, stops when the tokenizer has them. */
    static final List<String> TURN_ENDS = List.of("<|endofturn|>", "<|stop|>");

    private final Checkpoint ckpt;
    private final ImportOptions options;
    private final HcxVisionConfig vision;
    private final DecoderGeometry geo;
    private final Precision precision;
    private final Precision visionPrecision;
    private final DecoderBuilder decoder;
    private final Placeholders tokens;
    private final Map<String, Integer> stops = new LinkedHashMap<>();
    private final boolean newline;
    private final List<String> notes = new ArrayList<>();
    private final JsonNode textConfig;

    HcxVisionImport(Checkpoint ckpt, ImportOptions options) throws CheckpointException {
        this.ckpt = ckpt;
        this.options = options;
        Path configFile = ckpt.folder().resolve("config.json");
        JsonNode config = ckpt.config();
        this.vision = HcxVisionConfig.from(config, configFile); // refuses a text_config.model_type other than llama
        Path tokenizer = ckpt.folder().resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new CheckpointException(ckpt.folder(), "has no tokenizer.json: an HCX vision model folder cannot run without "
                    + "its tokenizer (it names the image and video placeholders); copy tokenizer.json (and tokenizer_config.json) "
                    + "from the model repository into the checkpoint folder");
        }
        TokenizerVocabulary vocab = TokenizerVocabulary.read(tokenizer);
        this.tokens = placeholders(config, configFile, vocab, tokenizer);
        for (String end : TURN_ENDS) {
            vocab.id(end).ifPresent(id -> stops.put(end, id));
        }
        DecoderArchitecture.TensorNames names = DecoderArchitectures.LLAMA.names("language_model.");
        // the key HcxVisionConfig read (older revisions say language_config)
        this.textConfig = config.has("text_config") ? config.get("text_config") : config.get("language_config");
        this.geo = DecoderImport.resolveTied(DecoderGeometry.read(textConfig, DecoderArchitectures.LLAMA.keys(), configFile),
                textConfig, ckpt, names, DecoderArchitectures.LLAMA);
        this.precision = options.precisionFor(geo.parameters());
        this.visionPrecision = precision == Precision.FP16 ? Precision.FP16 : Precision.FP32;
        this.decoder = DecoderImport.languageModel(geo, names, precision, options, true);
        this.newline = ImageNewline.present(ckpt);
        if (!newline && vision.anyres() && vision.unpad()) {
            throw new CheckpointException(ckpt.folder(), "has no " + ImageNewline.TENSOR + " tensor, which AnyRes stitching "
                    + "with unpad (config.json) appends after every map row");
        }
        notes.addAll(vision.assumptions());
        notes.addAll(DecoderImport.notes(geo, "the LlamaForCausalLM under language_model.", precision, options));
        notes.add("vision tower and projector stored " + visionPrecision.cliName()
                + (precision == visionPrecision ? "" : " (int4/int8 apply to the language model only)"));
        notes.add("no BOS token before the prompt (the HCX prompt layout)");
        if (stops.size() < TURN_ENDS.size()) {
            notes.add("the tokenizer lacks " + TURN_ENDS.stream().filter(s -> !stops.containsKey(s)).toList()
                    + ": generation stops only on eos_token_id");
        }
        if (decoder.fusedLimitation() != null) {
            notes.add(decoder.fusedLimitation());
        }
    }

    /** image_token_id (required) and video_token_id (optional) of config.json, with their texts in the tokenizer. */
    private static Placeholders placeholders(JsonNode config, Path configFile, TokenizerVocabulary vocab, Path tokenizer)
            throws CheckpointException {
        JsonNode image = config.get("image_token_id");
        if (image == null || !image.canConvertToInt()) {
            throw new CheckpointException(configFile, "has no image_token_id (the image placeholder's id)");
        }
        String imageText = vocab.text(image.asInt()).orElseThrow(() -> new CheckpointException(tokenizer,
                "has no token with id " + image.asInt() + " (config.json's image_token_id)"));
        JsonNode video = config.get("video_token_id");
        if (video == null || !video.canConvertToInt()) {
            return new Placeholders(imageText, image.asInt(), null, -1);
        }
        String videoText = vocab.text(video.asInt()).orElseThrow(() -> new CheckpointException(tokenizer,
                "has no token with id " + video.asInt() + " (config.json's video_token_id)"));
        return new Placeholders(imageText, image.asInt(), videoText, video.asInt());
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public long parameters() {
        return geo.parameters();
    }

    @Override
    public Precision precision() {
        return precision;
    }

    /** The vision encoder's tensors, the embedding table, the newline vector, then the decoder's. */
    @Override
    public List<TensorSpec> tensorsRead() {
        List<TensorSpec> out = new ArrayList<>(VisionEncoderTensors.of(vision));
        out.add(new TensorSpec(EmbedTokensBuilder.TABLE, geo.vocab(), geo.hidden()));
        if (newline) {
            out.add(new TensorSpec(ImageNewline.TENSOR, geo.hidden()));
        }
        out.addAll(decoder.tensorsRead());
        return out;
    }

    /** The decoder's estimate, plus the vision weights and the embedding table in float32 (an upper bound with fp16). */
    @Override
    public long estimatedBytes() throws IOException {
        long visionValues = 0;
        for (TensorSpec s : VisionEncoderTensors.of(vision)) {
            long n = 1;
            for (long d : s.shape()) {
                n *= d;
            }
            visionValues += n;
        }
        long embed = (long) geo.vocab() * geo.hidden();
        return DecoderImport.estimateBytes(geo, precision, options) + 4 * (visionValues + embed + geo.hidden())
                + ImportedFiles.copiedBytes(ckpt.folder());
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public Map<String, Long> write(Path folder, WeightSource weights, CancelToken cancel) throws IOException, CheckpointException {
        Map<String, Long> files = new LinkedHashMap<>();
        files.putAll(ImportedFiles.writeGraph(folder, HcxVisionFolderJson.ENCODER, data -> new VisionEncoderBuilder(vision, weights)
                .externalData(data).towerLinears(visionPrecision == Precision.FP16 ? LinearWriter.FP16 : LinearWriter.FP32).build()));
        files.putAll(ImportedFiles.writeGraph(folder, HcxVisionFolderJson.EMBED, data -> EmbedTokensBuilder.build(vision, weights, data)));
        if (newline) {
            ImageNewline.write(vision, weights, folder.resolve(ImageNewline.FILE));
            files.putAll(ImportedFiles.sizes(folder, List.of(ImageNewline.FILE)));
        }
        files.putAll(DecoderImport.writeGraph(folder, HcxVisionFolderJson.DECODER, decoder, weights, cancel));
        List<String> copied = ImportedFiles.copy(ckpt.folder(), folder);
        Files.write(folder.resolve("glimpse.json"), ImportedFolderJson.bytes(HcxVisionFolderJson.write(ckpt.folder(),
                ckpt.config(), textConfig, geo, precision, visionPrecision, options.ops(), tokens, stops, newline, notes)));
        files.putAll(ImportedFiles.sizes(folder, List.of("glimpse.json")));
        files.putAll(ImportedFiles.sizes(folder, copied));
        return files;
    }
}
