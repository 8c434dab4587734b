package io.glimpse.inference.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import io.glimpse.inference.ModelFolderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks of a decoder graph's inputs and outputs against its wiring, with messages that name both sides. Stateless. */
final class DecoderGraph {
    private DecoderGraph() {
    }

    static List<String> withoutPositions(DecoderWiring wiring, List<String> names) {
        // position_ids is fed when the graph has it (genai and optimum configs name it by default).
        List<String> out = new ArrayList<>(names);
        out.remove(wiring.positionIds());
        return out;
    }

    static void checkNames(ModelSpec spec, String what, List<String> expected, Set<String> found)
            throws ModelFolderException {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new ModelFolderException(spec.folder(), "the decoder's " + what + " do not match " + spec.source()
                    + ": expected " + expected + ", missing " + missing + ", the graph has " + new TreeSet<>(found));
        }
    }

    static void checkDeclared(ModelSpec spec, String field, String declared, String tensor, OnnxJavaType actual)
            throws ModelFolderException {
        if (declared == null) {
            return;
        }
        String found = switch (actual) {
            case FLOAT -> "float32";
            case FLOAT16 -> "float16";
            case INT64 -> "int64";
            case INT32 -> "int32";
            default -> actual.name().toLowerCase(java.util.Locale.ROOT);
        };
        if (!declared.equals(found)) {
            throw new ModelFolderException(spec.folder(), spec.source() + " says " + field + " " + declared
                    + " but the graph's " + tensor + " is " + found);
        }
    }

    static OnnxJavaType type(Map<String, NodeInfo> infos, String name) {
        return ((TensorInfo) infos.get(name).getInfo()).type;
    }

    static long lastDim(Map<String, NodeInfo> infos, String name) {
        long[] shape = ((TensorInfo) infos.get(name).getInfo()).getShape();
        return shape.length == 0 ? -1 : shape[shape.length - 1];
    }
}
