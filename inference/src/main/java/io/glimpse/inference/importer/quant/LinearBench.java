package io.glimpse.inference.importer.quant;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.glimpse.inference.importer.LinearWriter;
import io.glimpse.inference.onnx.OnnxGraph;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Micro-benchmark of one Linear on ONNX Runtime's CPU provider: float32 MatMul against MatMulNBits
 * int4 and int8 (block 32) at accuracy levels 0 and 4, for the MLP shapes of a 0.5B and a 3B Llama
 * decoder layer, one token (M = 1) and a 512-token prefill (M = 512), best of N rounds, 2 intra-op
 * threads. It answers early what int4 buys on the machine at hand; it is no substitute for timing
 * a whole decoder. Run it (the class path goes in an argument file: ONNX Runtime 1.29's native
 * library crashed with SIGSEGV on load here whenever the process command line exceeded about 3.9 KB,
 * whatever made it long):
 * <pre>
 *   mvn -q -pl inference -am compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   echo "-cp inference/target/classes:$(cat /tmp/cp.txt)" &gt; /tmp/cp.args
 *   java @/tmp/cp.args io.glimpse.inference.importer.quant.LinearBench [rounds]
 * </pre>
 * Not thread-safe (a command-line tool).
 */
public final class LinearBench {
    /** A named Linear: K inputs, N outputs. */
    record Shape(String name, int k, int n) {
    }

    /** One way of writing the Linear. */
    record Variant(String name, LinearWriter writer) {
    }

    static final List<Shape> SHAPES = List.of(
            // hyperclovax-seed-text-0.5b config.json: hidden 1024, intermediate 4096 (q_proj is 1024 → 2048)
            new Shape("0.5B up/gate 1024→4096", 1024, 4096),
            new Shape("0.5B down 4096→1024", 4096, 1024),
            new Shape("3B up/gate 3072→8192", 3072, 8192),
            new Shape("3B down 8192→3072", 8192, 3072));

    static final List<Variant> VARIANTS = List.of(
            new Variant("fp32", LinearWriter.FP32),
            new Variant("int4 L0", new MatMulNBitsWriter(4, 32, 0)),
            new Variant("int4 L4", new MatMulNBitsWriter(4, 32, 4)),
            new Variant("int8 L0", new MatMulNBitsWriter(8, 32, 0)),
            new Variant("int8 L4", new MatMulNBitsWriter(8, 32, 4)));

    static final int[] TOKENS = {1, 512};
    static final int THREADS = 2;

    private LinearBench() {
    }

    public static void main(String[] args) throws OrtException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, not " + rounds);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-26s %5s", "Linear", "M"));
        VARIANTS.forEach(v -> header.append(String.format(Locale.ROOT, " %10s", v.name() + " ms")));
        header.append("   best int4 vs fp32");
        System.out.println("ONNX Runtime CPU, " + THREADS + " intra-op threads, best of " + rounds
                + " rounds (M=1: " + rounds * 20 + " rounds)");
        System.out.println(header);
        for (Shape shape : SHAPES) {
            float[] weight = gaussian(new SplittableRandom(shape.k() * 31L + shape.n()), shape.n() * shape.k(), 0.02f);
            List<OrtSession> sessions = new ArrayList<>();
            try {
                for (Variant v : VARIANTS) {
                    sessions.add(session(env, shape, v, weight));
                }
                for (int m : TOKENS) {
                    float[] x = gaussian(new SplittableRandom(m), m * shape.k(), 1f);
                    double[] ms = new double[VARIANTS.size()];
                    for (int i = 0; i < sessions.size(); i++) {
                        ms[i] = bestMillis(env, sessions.get(i), x, m, shape.k(), m == 1 ? rounds * 20 : rounds);
                    }
                    System.out.println(row(shape, m, ms));
                }
            } finally {
                for (OrtSession s : sessions) {
                    s.close();
                }
            }
        }
    }

    static OrtSession session(OrtEnvironment env, Shape shape, Variant v, float[] weight) throws OrtException {
        OnnxGraph g = new OnnxGraph("linear").producer("glimpse LinearBench");
        g.input("x", TensorProto.DataType.FLOAT, "m", (long) shape.k());
        String y = g.named("y", "Identity", v.writer().linear(g, "linear", "x", weight, shape.n(), shape.k()));
        g.output(y, TensorProto.DataType.FLOAT, "m", (long) shape.n());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(THREADS);
            options.setInterOpNumThreads(1);
            return env.createSession(g.toBytes(), options);
        }
    }

    /** The fastest of {@code rounds} runs after two warm-up runs, in milliseconds. */
    static double bestMillis(OrtEnvironment env, OrtSession session, float[] x, int m, int k, int rounds) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {m, k})) {
            long best = Long.MAX_VALUE;
            for (int r = -2; r < rounds; r++) {
                long start = System.nanoTime();
                try (OrtSession.Result ignored = session.run(Map.of("x", input))) {
                    long took = System.nanoTime() - start;
                    if (r >= 0) {
                        best = Math.min(best, took);
                    }
                }
            }
            return best / 1e6;
        }
    }

    static String row(Shape shape, int m, double[] ms) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s %5d", shape.name(), m));
        for (double t : ms) {
            line.append(String.format(Locale.ROOT, " %10.3f", t));
        }
        double bestInt4 = Math.min(ms[1], ms[2]);
        line.append(String.format(Locale.ROOT, "   %.2f×", ms[0] / bestInt4));
        return line.toString();
    }

    static float[] gaussian(SplittableRandom random, int count, float sigma) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }
}
