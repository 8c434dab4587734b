package io.glimpse.inference.vision;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.model.Float16;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Small helpers shared by the vision graphs: name checks, dtypes, float tensors in and out. Stateless. */
final class GraphIo {
    private GraphIo() {
    }

    /** Refuses a graph whose names differ from the wiring, listing expected, missing and found names. */
    static void checkNames(Path folder, String graph, String what, Collection<String> expected, Set<String> found)
            throws ModelFolderException {
        checkNames(folder, "glimpse.json", graph, what, expected, found);
    }

    static void checkNames(Path folder, String config, String graph, String what, Collection<String> expected,
                           Set<String> found) throws ModelFolderException {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new ModelFolderException(folder, "the " + graph + "'s " + what + " do not match " + config + ": expected "
                    + expected + ", missing " + missing + ", the graph has " + new TreeSet<>(found));
        }
    }

    /** Refuses inputs the wiring does not feed (ONNX Runtime would fail on every run otherwise). */
    static void checkNoExtraInputs(Path folder, String graph, Collection<String> fed, Set<String> found)
            throws ModelFolderException {
        List<String> extra = new ArrayList<>(new TreeSet<>(found));
        extra.removeAll(fed);
        if (!extra.isEmpty()) {
            throw new ModelFolderException(folder, "the " + graph + " has inputs glimpse.json does not wire: " + extra
                    + " (fed: " + fed + ")");
        }
    }

    static TensorInfo info(Map<String, NodeInfo> infos, String name) {
        return (TensorInfo) infos.get(name).getInfo();
    }

    /** The last dimension of a tensor's declared shape, or -1 when it is symbolic. */
    static long lastDim(TensorInfo info) {
        long[] shape = info.getShape();
        return shape.length == 0 ? -1 : shape[shape.length - 1];
    }

    static void requireFloat(Path folder, String graph, String name, TensorInfo info) throws ModelFolderException {
        if (info.type != OnnxJavaType.FLOAT && info.type != OnnxJavaType.FLOAT16) {
            throw new ModelFolderException(folder, "the " + graph + "'s " + name + " must be float32 or float16, the graph has "
                    + info.type.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A float tensor of {@code type} (float32 or float16) holding {@code values[offset, offset + length)}. */
    static OnnxTensor floatTensor(OrtEnvironment env, OnnxJavaType type, float[] values, int offset, int length, long[] shape)
            throws OrtException {
        if (type == OnnxJavaType.FLOAT16) {
            short[] halves = new short[length];
            for (int i = 0; i < length; i++) {
                halves[i] = Float16.fromFloat(values[offset + i]);
            }
            return OnnxTensor.createTensor(env, ShortBuffer.wrap(halves), shape, OnnxJavaType.FLOAT16);
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(values, offset, length), shape);
    }

    /** An int64 or int32 tensor of {@code values}. */
    static OnnxTensor intTensor(OrtEnvironment env, OnnxJavaType type, long[] values, long[] shape) throws OrtException {
        if (type == OnnxJavaType.INT32) {
            int[] ints = new int[values.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = (int) values[i];
            }
            return OnnxTensor.createTensor(env, java.nio.IntBuffer.wrap(ints), shape);
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }
}
