package io.glimpse.inference.testmodel;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A small builder of ONNX graphs on the raw {@code OnnxMl} protobuf builders (opset 17, IR version
 * 8): initializers from Java arrays, one call per node, graph inputs and outputs whose dimensions
 * are numbers or symbolic names. Node outputs are named automatically ({@code op_N}) unless given.
 *
 * <p>Not thread-safe: one graph is built by one thread, then {@link #toBytes()}.
 * The same calls in the same order give byte-identical files (protobuf serialises fields in
 * order and the graph has no maps).
 */
final class OnnxGraph {
    static final int OPSET = 17;
    static final long IR_VERSION = 8;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int counter;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A float32 constant tensor of the given shape, stored as little-endian raw data. */
    String floats(String name, float[] values, long... dims) {
        requireCount(name, values.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return initializer(name, TensorProto.DataType.FLOAT, buf.array(), dims);
    }

    /** An int64 constant tensor (shapes, axes, indices). */
    String longs(String name, long[] values, long... dims) {
        requireCount(name, values.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buf.putLong(v);
        }
        return initializer(name, TensorProto.DataType.INT64, buf.array(), dims);
    }

    /** A float32 scalar constant. */
    String scalar(String name, float value) {
        return floats(name, new float[] {value});
    }

    /** An int64 scalar constant. */
    String scalar(String name, long value) {
        return longs(name, new long[] {value});
    }

    /** A 1-D int64 constant (for Reshape shapes, Slice bounds, axes ...). */
    String vector(String name, long... values) {
        return longs(name, values, values.length);
    }

    private String initializer(String name, TensorProto.DataType type, byte[] raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    private static void requireCount(String name, int count, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException(name + ": " + count + " values for a shape of " + n + " elements");
        }
    }

    /** Adds a node with one automatically named output and returns that name. */
    String op(String opType, String... inputs) {
        return op(opType, new Attr[0], inputs);
    }

    /** Adds a node with attributes and one automatically named output. */
    String op(String opType, Attr[] attrs, String... inputs) {
        String out = opType.toLowerCase() + "_" + counter++;
        node(opType, attrs, new String[] {out}, inputs);
        return out;
    }

    /** Adds a node whose output has a given name (a graph output, say). */
    String named(String output, String opType, String... inputs) {
        node(opType, new Attr[0], new String[] {output}, inputs);
        return output;
    }

    /** Adds a node with attributes whose output has a given name. */
    String named(String output, String opType, Attr[] attrs, String... inputs) {
        node(opType, attrs, new String[] {output}, inputs);
        return output;
    }

    private void node(String opType, Attr[] attrs, String[] outputs, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(outputs[0] + "_node");
        for (String in : inputs) {
            n.addInput(in);
        }
        for (String out : outputs) {
            n.addOutput(out);
        }
        for (Attr a : attrs) {
            n.addAttribute(a.proto());
        }
        graph.addNode(n);
    }

    /** A graph input; each dimension is a {@code Long}/{@code Integer} (fixed) or a {@code String} (symbolic). */
    String input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    /** Declares an existing value as a graph output. */
    void output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else if (d instanceof Number n) {
                dim.setDimValue(n.longValue());
            } else {
                throw new IllegalArgumentException(name + ": dimension " + d + " is neither a number nor a name");
            }
            shape.addDim(dim);
        }
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /** The serialised model: IR version 8, default-domain opset 17, producer "glimpse". */
    byte[] toBytes() {
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("glimpse make-test-model")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    /** A node attribute. */
    record Attr(AttributeProto proto) {
        static Attr ints(String name, long... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            return new Attr(a.build());
        }

        static Attr i(String name, long value) {
            return new Attr(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                    .setI(value).build());
        }

        static Attr f(String name, float value) {
            return new Attr(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                    .setF(value).build());
        }
    }

    /** Shorthand for an attribute array. */
    static Attr[] attrs(Attr... a) {
        return a;
    }
}
