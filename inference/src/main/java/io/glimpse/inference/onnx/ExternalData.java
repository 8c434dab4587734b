package io.glimpse.inference.onnx;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The external data file of one ONNX graph: tensors are appended at offsets aligned to
 * {@link #ALIGNMENT} bytes (the page size, so ONNX Runtime can memory-map them), zero-filled in between.
 * The graph names the file relative to itself, so it must sit in the same folder.
 *
 * <p>Not thread-safe; owns its file channel until {@link #close()}.
 */
public final class ExternalData implements Closeable {
    /** Offset alignment of every tensor. */
    public static final int ALIGNMENT = 4096;
    /** Initializers below this many bytes stay inside the protobuf (as onnx's own converter does). */
    public static final int DEFAULT_THRESHOLD = 1024;

    private final FileChannel channel;
    private final String fileName;
    private final int threshold;
    private long size;

    private ExternalData(FileChannel channel, String fileName, int threshold) {
        this.channel = channel;
        this.fileName = fileName;
        this.threshold = threshold;
    }

    /** Creates (or truncates) the data file. */
    public static ExternalData create(Path file, int threshold) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new ExternalData(ch, file.getFileName().toString(), threshold);
    }

    /** The file's name, as the graph refers to it. */
    public String fileName() {
        return fileName;
    }

    /** Smallest initializer, in bytes, that goes to this file. */
    public int threshold() {
        return threshold;
    }

    /** Bytes written so far (including alignment padding). */
    public long size() {
        return size;
    }

    /** Appends the bytes from position to limit at the next aligned offset; returns that offset. */
    long append(ByteBuffer data) {
        long offset = (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        try {
            ByteBuffer src = data.duplicate();
            long at = offset;
            while (src.hasRemaining()) {
                at += channel.write(src, at);
            }
            size = at;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + fileName + ": " + e.getMessage(), e);
        }
        return offset;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
