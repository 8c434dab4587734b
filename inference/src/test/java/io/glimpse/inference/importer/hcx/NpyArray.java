package io.glimpse.inference.importer.hcx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A float32 array of any rank from a numpy format-1.0 {@code .npy} file, little-endian, held in C
 * order (a Fortran-ordered file, as the fixture's vision_hidden_* are despite its README, is reordered).
 * Test helper.
 */
record NpyArray(long[] shape, float[] data) {
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    static NpyArray read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes[0] != (byte) 0x93 || bytes[6] != 1) {
            throw new IOException(file + ": not a format-1.0 .npy file");
        }
        int headerLength = in.getShort(8) & 0xFFFF;
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'")) {
            throw new IOException(file + ": not a float32 array: " + header.trim());
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": no shape in " + header.trim());
        }
        long[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        float[] data = new float[(bytes.length - 10 - headerLength) / 4];
        in.position(10 + headerLength);
        in.asFloatBuffer().get(data);
        if (data.length != Arrays.stream(shape).reduce(1, (a, b) -> a * b)) {
            throw new IOException(file + ": " + data.length + " values for shape " + Arrays.toString(shape));
        }
        return new NpyArray(shape, header.contains("'fortran_order': True") ? toCOrder(data, shape) : data);
    }

    /** Column-major values → row-major: C-order element (i0, …, ik) sits at Σ i_d · Π_{e<d} shape_e. */
    private static float[] toCOrder(float[] f, long[] shape) {
        float[] c = new float[f.length];
        int[] index = new int[shape.length];
        for (int flat = 0; flat < c.length; flat++) {
            int offset = 0;
            int stride = 1;
            for (int d = 0; d < shape.length; d++) {
                offset += index[d] * stride;
                stride *= (int) shape[d];
            }
            c[flat] = f[offset];
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return c;
    }

    /** The values of index {@code i} along the first axis (a tile), flattened. */
    float[] slice(int i) {
        int n = data.length / (int) shape[0];
        return Arrays.copyOfRange(data, i * n, (i + 1) * n);
    }
}
