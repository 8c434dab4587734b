package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code .safetensors} file, read memory-mapped, tensor by tensor: an 8-byte little-endian
 * header length, a JSON header {@code {name: {dtype, shape, data_offsets: [begin, end]}, __metadata__}},
 * then the data. Only the header is parsed up front, and every claim in it is checked against the
 * file before any tensor is read (offsets inside the data, lengths equal to shape × dtype size, no
 * two tensors overlapping), so a lying or truncated file fails with its name and the numbers.
 *
 * <p>Written here rather than taken from a library: the format is a few dozen lines, and no
 * maintained Java library reads safetensors files larger than memory without loading them whole.
 *
 * <p>Not thread-safe; owns its file channel until {@link #close()}. Mapped regions are released by
 * the garbage collector once the returned buffers are dropped.
 */
public final class SafetensorsFile implements Closeable {
    /** A header bigger than this is refused rather than read (the largest real ones are a few MB). */
    static final long MAX_HEADER = 100L << 20;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorEntry> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, TensorEntry> tensors,
                            Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens the file and checks its header. */
    public static SafetensorsFile open(Path file) throws CheckpointException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot open (" + e.getMessage() + ")");
        }
        try {
            long size = ch.size();
            if (size < 8) {
                throw new CheckpointException(file, "not a safetensors file: " + size + " bytes, shorter than its 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLength = lenBuf.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER || headerLength > size - 8) {
                throw new CheckpointException(file, "not a safetensors file or truncated: its header claims "
                        + Long.toUnsignedString(headerLength) + " bytes but the file has " + size + " bytes in all");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(ch, header, 8);
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CheckpointException(file, "the safetensors header is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (json == null || !json.isObject()) {
                throw new CheckpointException(file, "the safetensors header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            Map<String, TensorEntry> tensors = parseTensors(file, json, size - dataStart);
            Map<String, String> metadata = new LinkedHashMap<>();
            JsonNode meta = json.get("__metadata__");
            if (meta != null && meta.isObject()) {
                meta.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            }
            return new SafetensorsFile(file, ch, dataStart, tensors, Collections.unmodifiableMap(metadata));
        } catch (CheckpointException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new CheckpointException(file, "cannot read (" + e.getMessage() + ")");
        }
    }

    private static Map<String, TensorEntry> parseTensors(Path file, JsonNode json, long dataLength)
            throws CheckpointException {
        Map<String, TensorEntry> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            JsonNode t = e.getValue();
            JsonNode dtypeNode = t.get("dtype");
            JsonNode shapeNode = t.get("shape");
            JsonNode offsets = t.get("data_offsets");
            if (dtypeNode == null || shapeNode == null || !shapeNode.isArray() || offsets == null
                    || !offsets.isArray() || offsets.size() != 2) {
                throw new CheckpointException(file, "tensor " + name + ": the header entry needs dtype, shape and two data_offsets");
            }
            String dtypeName = dtypeNode.asText();
            DType dtype = DType.of(dtypeName);
            long[] shape = new long[shapeNode.size()];
            long count = 1;
            long needed; // bytes the shape needs; exact, so that a shape overflowing a long cannot pass as 0 bytes
            try {
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeNode.get(i).asLong(-1);
                    if (shape[i] < 0) {
                        throw new CheckpointException(file, "tensor " + name + ": negative or non-numeric dimension in shape " + shapeNode);
                    }
                    count = Math.multiplyExact(count, shape[i]);
                }
                needed = Math.multiplyExact(count, dtype == null ? 1 : dtype.bytes());
            } catch (ArithmeticException overflow) {
                throw new CheckpointException(file, "tensor " + name + ": shape " + shapeNode + " has more elements than any file can hold");
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            if (begin < 0 || end < begin) {
                throw new CheckpointException(file, "tensor " + name + ": data_offsets " + offsets + " are not a byte range");
            }
            if (end > dataLength) {
                throw new CheckpointException(file, "truncated or lying header: tensor " + name + " ends at data byte " + end
                        + " but the file has only " + dataLength + " data bytes");
            }
            if (dtype != null && end - begin != needed) {
                throw new CheckpointException(file, "tensor " + name + ": data_offsets give " + (end - begin) + " bytes but shape "
                        + Arrays.toString(shape) + " of " + dtypeName + " needs " + needed);
            }
            out.put(name, new TensorEntry(file, name, dtypeName, dtype, shape, begin, end));
        }
        List<TensorEntry> byOffset = new ArrayList<>(out.values());
        byOffset.sort(Comparator.comparingLong(TensorEntry::begin));
        for (int i = 1; i < byOffset.size(); i++) {
            TensorEntry a = byOffset.get(i - 1);
            TensorEntry b = byOffset.get(i);
            if (b.begin() < a.end()) {
                throw new CheckpointException(file, "lying header: tensors " + a.name() + " and " + b.name()
                        + " overlap (bytes " + a.begin() + "–" + a.end() + " and " + b.begin() + "–" + b.end() + ")");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    public Path file() {
        return file;
    }

    /** Every tensor, in header order. */
    public Map<String, TensorEntry> tensors() {
        return tensors;
    }

    /** The header's {@code __metadata__} strings. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensor's raw little-endian bytes, mapped read-only (not copied). */
    public ByteBuffer raw(TensorEntry t) throws CheckpointException {
        long length = t.end() - t.begin();
        if (length > Integer.MAX_VALUE) {
            throw new CheckpointException(file, "tensor " + t.name() + " is " + length + " bytes; tensors over 2 GiB are not supported");
        }
        try {
            if (length == 0) {
                return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
            }
            MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), length);
            return m.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read tensor " + t.name() + " (" + e.getMessage() + ")");
        }
    }

    /** The tensor's values widened to float32 (F32 as is, F16 and BF16 exactly). */
    public float[] floats(TensorEntry t) throws CheckpointException {
        if (t.dtype() == null) {
            throw new CheckpointException(file, "tensor " + t.name() + " has dtype " + t.dtypeName()
                    + "; supported: " + DType.supportedNames());
        }
        return t.dtype().toFloats(raw(t), Math.toIntExact(t.count()));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }
}
