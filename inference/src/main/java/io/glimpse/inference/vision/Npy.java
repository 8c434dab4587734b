package io.glimpse.inference.vision;

import io.glimpse.inference.model.Float16;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a one-dimensional float vector from a numpy {@code .npy} file (format versions 1–3,
 * {@code <f4} or {@code <f2}, C order), such as a model's learned {@code image_newline}. Anything
 * else is refused with a message naming what was found. Also writes such a vector (format 1.0,
 * {@code <f4}, as {@code numpy.save} does). Stateless and thread-safe.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * The vector stored in {@code file}, as floats.
     *
     * @throws IOException when the file cannot be read or is not a 1-D float32/float16 array; the
     *                     message names the file and the problem
     */
    public static float[] readVector(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new IOException(file + ": not a numpy .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6] & 0xFF;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IOException(file + ": truncated .npy header");
            }
            headerLength = in.getInt(8);
            headerStart = 12;
        } else {
            throw new IOException(file + ": .npy format version " + major + " is not supported (1, 2 or 3)");
        }
        if (headerLength < 0 || headerStart + headerLength > bytes.length) {
            throw new IOException(file + ": truncated .npy header");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file, "descr");
        if (group(FORTRAN, header, file, "fortran_order").equals("True")) {
            throw new IOException(file + ": Fortran-ordered arrays are not supported");
        }
        String[] dims = group(SHAPE, header, file, "shape").split(",");
        long count = 1;
        int rank = 0;
        for (String d : dims) {
            if (!d.isBlank()) {
                count *= Long.parseLong(d.trim());
                rank++;
            }
        }
        if (rank != 1) {
            throw new IOException(file + ": expected a 1-D array, found shape (" + group(SHAPE, header, file, "shape") + ")");
        }
        int width = switch (descr) {
            case "<f4" -> 4;
            case "<f2" -> 2;
            default -> throw new IOException(file + ": expected float32 (<f4) or float16 (<f2) data, found " + descr);
        };
        int dataStart = headerStart + headerLength;
        if (bytes.length - dataStart != count * width) {
            throw new IOException(file + ": the header promises " + count + " values (" + count * width
                    + " bytes) but " + (bytes.length - dataStart) + " bytes follow");
        }
        float[] out = new float[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = width == 4 ? in.getFloat(dataStart + 4 * i) : Float16.toFloat(in.getShort(dataStart + 2 * i));
        }
        return out;
    }

    /** The bytes of a format-1.0 {@code .npy} file holding {@code values} as a float32 vector. */
    public static byte[] vectorBytes(float[] values) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + values.length + ",), }";
        int unpadded = 10 + dict.length() + 1;
        // numpy pads the header with spaces and a newline so the data starts at a multiple of 64
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length).put(h);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String group(Pattern p, String header, Path file, String key) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": the .npy header has no readable '" + key + "' (" + header.trim() + ")");
        }
        return m.group(1);
    }
}
