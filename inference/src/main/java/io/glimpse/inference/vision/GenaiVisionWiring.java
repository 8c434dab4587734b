package io.glimpse.inference.vision;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.model.OrtSessions;
import io.glimpse.inference.model.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vision and embedding graphs of an onnxruntime-genai folder ({@code genai_config.json}
 * {@code model.vision} and {@code model.embedding}, Phi-3-vision style): the vision graph turns
 * {@code pixel_values} (+ {@code image_sizes}) into {@code image_features}; the embedding graph takes
 * {@code input_ids} and {@code image_features} and merges them itself into {@code inputs_embeds}
 * for the decoder. That is another contract than Glimpse's own (docs/glimpse-json.md), so Glimpse
 * reads and checks this wiring but does not run these graphs yet. Immutable.
 *
 * @param vision      the vision graph
 * @param embedding   the embedding graph
 * @param hiddenSize  {@code model.decoder.hidden_size}: the width of image features and embeddings
 */
public record GenaiVisionWiring(Graph vision, Graph embedding, int hiddenSize) {

    /** One graph: its file and its tensor names, keyed by role (genai's keys, e.g. {@code pixel_values}). */
    public record Graph(String file, Map<String, String> inputs, Map<String, String> outputs) {
        public Graph {
            inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs)); // keeps the config's order
            outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }
    }

    /**
     * Reads the wiring from {@code folder/genai_config.json}.
     *
     * @throws ModelFolderException when the file, a block, a graph file or {@code hidden_size} is missing
     */
    public static GenaiVisionWiring read(Path folder) throws ModelFolderException {
        JsonNode model;
        try {
            model = new ObjectMapper().readTree(folder.resolve("genai_config.json").toFile()).path("model");
        } catch (IOException e) {
            throw new ModelFolderException(folder, "cannot read genai_config.json (" + e.getMessage() + ")", e);
        }
        int hidden = model.path("decoder").path("hidden_size").asInt(0);
        if (hidden <= 0) {
            throw new ModelFolderException(folder, "genai_config.json model.decoder needs a positive hidden_size");
        }
        return new GenaiVisionWiring(graph(folder, model, "vision"), graph(folder, model, "embedding"), hidden);
    }

    private static Graph graph(Path folder, JsonNode model, String block) throws ModelFolderException {
        JsonNode node = model.get(block);
        if (node == null || !node.hasNonNull("filename")) {
            throw new ModelFolderException(folder, "genai_config.json has no model." + block + ".filename");
        }
        String file = node.get("filename").asText();
        if (!Files.isRegularFile(folder.resolve(file))) {
            throw new ModelFolderException(folder, "the model folder has no " + file + " (named by genai_config.json model."
                    + block + ".filename)");
        }
        return new Graph(file, names(node.path("inputs")), names(node.path("outputs")));
    }

    private static Map<String, String> names(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * Loads both graphs (on the CPU: only names and shapes are read) and checks them against the
     * wiring: every named input and output exists, the vision graph's {@code image_features} feed the
     * embedding graph's, and features and embeddings are {@code hiddenSize} wide (where the graphs
     * declare a width).
     *
     * @throws ModelFolderException naming the graph, the names or both widths
     */
    public void check(Path folder) throws ModelFolderException {
        if (!vision.outputs().containsKey("image_features") || !embedding.inputs().containsKey("image_features")) {
            throw new ModelFolderException(folder, "genai_config.json must wire model.vision.outputs.image_features into "
                    + "model.embedding.inputs.image_features");
        }
        checkGraph(folder, "vision graph", vision, vision.outputs().get("image_features"), null);
        checkGraph(folder, "embedding graph", embedding, embedding.outputs().get("inputs_embeds"),
                embedding.inputs().get("image_features"));
    }

    private void checkGraph(Path folder, String what, Graph graph, String wideOutput, String wideInput)
            throws ModelFolderException {
        try (OrtSession s = OrtSessions.open(folder, folder.resolve(graph.file()), RuntimeOptions.cpu()).session()) {
            GraphIo.checkNames(folder, "genai_config.json", what, "inputs", graph.inputs().values(), s.getInputInfo().keySet());
            GraphIo.checkNames(folder, "genai_config.json", what, "outputs", graph.outputs().values(), s.getOutputInfo().keySet());
            if (wideOutput != null) {
                width(folder, "the " + what + "'s " + wideOutput, s.getOutputInfo().get(wideOutput));
            }
            if (wideInput != null) {
                width(folder, "the " + what + "'s " + wideInput, s.getInputInfo().get(wideInput));
            }
        } catch (OrtException e) {
            throw new ModelFolderException(folder, "cannot read the " + what + " (" + e.getMessage() + ")", e);
        }
    }

    private void width(Path folder, String what, NodeInfo info) throws ModelFolderException {
        long w = GraphIo.lastDim((ai.onnxruntime.TensorInfo) info.getInfo());
        if (w > 0 && w != hiddenSize) {
            throw new ModelFolderException(folder, what + " rows are " + w + " wide but genai_config.json "
                    + "model.decoder.hidden_size is " + hiddenSize);
        }
    }
}
