package io.glimpse.inference.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one builder of ONNX graphs in Glimpse (the generated test models and the checkpoint importer
 * both write through it), on the raw {@code OnnxMl} protobuf builders: IR version 8, default-domain
 * opset 17, more domains on request ({@code com.microsoft} for ONNX Runtime's contrib ops).
 * Initializers come from Java arrays or raw little-endian bytes; node outputs are named
 * automatically ({@code op_N}) unless given.
 *
 * <p>Large weights: with {@link #externalData(ExternalData)} set, every initializer of at least
 * {@link ExternalData#threshold()} bytes is written straight to the data file (4 KB-aligned offsets,
 * so ONNX Runtime can map it) and the graph keeps only its name, shape and location; the protobuf
 * then stays small (its 2 GB limit never applies) and the caller can drop each tensor as soon as it
 * is added, so memory is bounded by the largest single tensor.
 *
 * <p>Not thread-safe: one graph is built by one thread, then {@link #toBytes()} or {@link #write(Path)}.
 * The same calls in the same order give byte-identical files (protobuf serialises fields in order
 * and the graph has no maps).
 */
public final class OnnxGraph {
    public static final int OPSET = 17;
    public static final long IR_VERSION = 8;
    /** ONNX Runtime's contrib-op domain. */
    public static final String MS_DOMAIN = "com.microsoft";

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, Integer> opsets = new LinkedHashMap<>();
    private String producer = "glimpse make-test-model";
    private ExternalData external;
    private int counter;

    public OnnxGraph(String name) {
        graph.setName(name);
        opsets.put("", OPSET);
    }

    /** Declares another operator-set domain, e.g. {@code com.microsoft} version 1. */
    public OnnxGraph opset(String domain, int version) {
        opsets.put(domain, version);
        return this;
    }

    /** The producer name written into the model. */
    public OnnxGraph producer(String name) {
        this.producer = name;
        return this;
    }

    /** Writes large initializers to this data file instead of into the protobuf (see the class comment). */
    public OnnxGraph externalData(ExternalData data) {
        this.external = data;
        return this;
    }

    /** A float32 constant tensor of the given shape, stored as little-endian raw data. */
    public String floats(String name, float[] values, long... dims) {
        requireCount(name, values.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return initializer(name, TensorProto.DataType.FLOAT, buf, dims);
    }

    /** A float16 constant tensor from IEEE half bit patterns. */
    public String halves(String name, short[] bits, long... dims) {
        requireCount(name, bits.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.asShortBuffer().put(bits);
        return initializer(name, TensorProto.DataType.FLOAT16, buf, dims);
    }

    /** A uint8 constant tensor (packed quantized weights, zero points). */
    public String uint8s(String name, byte[] values, long... dims) {
        requireCount(name, values.length, dims);
        return initializer(name, TensorProto.DataType.UINT8, ByteBuffer.wrap(values), dims);
    }

    /** An int64 constant tensor (shapes, axes, indices). */
    public String longs(String name, long[] values, long... dims) {
        requireCount(name, values.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return initializer(name, TensorProto.DataType.INT64, buf, dims);
    }

    /** An int32 constant tensor. */
    public String ints(String name, int[] values, long... dims) {
        requireCount(name, values.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        return initializer(name, TensorProto.DataType.INT32, buf, dims);
    }

    /** A float32 scalar constant. */
    public String scalar(String name, float value) {
        return floats(name, new float[] {value});
    }

    /** An int64 scalar constant. */
    public String scalar(String name, long value) {
        return longs(name, new long[] {value});
    }

    /** A 1-D int64 constant (for Reshape shapes, Slice bounds, axes ...). */
    public String vector(String name, long... values) {
        return longs(name, values, values.length);
    }

    /**
     * An initializer from raw little-endian bytes (from position to limit; the buffer is not kept
     * once it went to the external data file).
     */
    public String initializer(String name, TensorProto.DataType type, ByteBuffer raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        int bytes = raw.remaining();
        if (external != null && bytes >= external.threshold()) {
            long offset = external.append(raw);
            t.setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", external.fileName()))
                    .addExternalData(entry("offset", Long.toString(offset)))
                    .addExternalData(entry("length", Integer.toString(bytes)));
        } else {
            t.setRawData(ByteString.copyFrom(raw.duplicate()));
        }
        graph.addInitializer(t);
        return name;
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
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
    public String op(String opType, String... inputs) {
        return op(opType, new Attr[0], inputs);
    }

    /** Adds a node with attributes and one automatically named output. */
    public String op(String opType, Attr[] attrs, String... inputs) {
        String out = opType.toLowerCase() + "_" + counter++;
        node("", opType, attrs, new String[] {out}, inputs);
        return out;
    }

    /** Adds a node whose output has a given name (a graph output, say). */
    public String named(String output, String opType, String... inputs) {
        node("", opType, new Attr[0], new String[] {output}, inputs);
        return output;
    }

    /** Adds a node with attributes whose output has a given name. */
    public String named(String output, String opType, Attr[] attrs, String... inputs) {
        node("", opType, attrs, new String[] {output}, inputs);
        return output;
    }

    /**
     * Adds a node of any domain with several outputs; a null output name is named automatically,
     * an empty one ("") leaves that optional output unused. An empty input name skips an optional input.
     *
     * @return the output names, in order
     */
    public String[] node(String domain, String opType, Attr[] attrs, String[] outputs, String... inputs) {
        String[] names = outputs.clone();
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                names[i] = opType.toLowerCase() + "_" + counter++;
            }
        }
        String nodeName = (names.length > 0 && !names[0].isEmpty() ? names[0] : opType + "_" + counter++) + "_node";
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(nodeName);
        if (!domain.isEmpty()) {
            n.setDomain(domain);
        }
        for (String in : inputs) {
            n.addInput(in);
        }
        for (String out : names) {
            n.addOutput(out);
        }
        for (Attr a : attrs) {
            n.addAttribute(a.proto());
        }
        graph.addNode(n);
        return names;
    }

    /** A {@code com.microsoft} contrib op with one automatically named output. */
    public String msOp(String opType, Attr[] attrs, String... inputs) {
        return node(MS_DOMAIN, opType, attrs, new String[] {null}, inputs)[0];
    }

    /** A graph input; each dimension is a {@code Long}/{@code Integer} (fixed) or a {@code String} (symbolic). */
    public String input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    /** Declares an existing value as a graph output. */
    public void output(String name, TensorProto.DataType type, Object... dims) {
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

    /** The serialised model (weights written to the external data file are not in it). */
    public byte[] toBytes() {
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName(producer);
        opsets.forEach((domain, version) ->
                model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version)));
        return model.setGraph(graph).build().toByteArray();
    }

    /** Writes the model to a file (the external data file, if any, is the caller's to close). */
    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(toBytes());
        }
    }

    /** A node attribute. */
    public record Attr(AttributeProto proto) {
        public static Attr ints(String name, long... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            return new Attr(a.build());
        }

        public static Attr i(String name, long value) {
            return new Attr(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                    .setI(value).build());
        }

        public static Attr f(String name, float value) {
            return new Attr(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                    .setF(value).build());
        }

        public static Attr s(String name, String value) {
            return new Attr(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                    .setS(ByteString.copyFromUtf8(value)).build());
        }
    }

    /** Shorthand for an attribute array. */
    public static Attr[] attrs(Attr... a) {
        return a;
    }
}
