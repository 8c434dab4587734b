package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.importer.ImportOptions;
import io.glimpse.inference.importer.ImportReport;
import io.glimpse.inference.importer.Importer;
import io.glimpse.inference.importer.Ops;
import io.glimpse.inference.importer.Precision;
import io.glimpse.media.CancelToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glimpse import}: a Hugging Face checkpoint folder → a Glimpse model folder (docs/import.md). */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turn a Hugging Face checkpoint (config.json + safetensors; a text decoder or HCXVisionForCausalLM)"
                + " into a model folder Glimpse runs.",
                "Progress goes to stderr; Ctrl+C cancels and leaves nothing behind."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SRC", description = "the checkpoint folder")
    Path source;

    @Option(names = "--out", paramLabel = "DIR", description = "the model folder to write (must not exist unless --force)")
    Path out;

    @Option(names = "--precision", paramLabel = "P",
            description = "fp32, fp16, int8 or int4 (default: int4 above 1 B parameters, else fp32)")
    String precision;

    @Option(names = "--ops", paramLabel = "SET", description = "standard (plain ONNX) or fused (ONNX Runtime contrib ops); default: fused")
    String ops;

    @Option(names = "--lm-head-fp32", description = "keep the LM head in float32 whatever the precision")
    boolean lmHeadFp32;

    @Option(names = "--accuracy-level", paramLabel = "L", defaultValue = "4",
            description = "int4/int8: MatMulNBits accuracy_level, 0-4 (4 = int8 activations, fastest on CPU; 0 = float math); default: ${DEFAULT-VALUE}")
    int accuracyLevel;

    @Option(names = "--block-size", paramLabel = "N", defaultValue = "32",
            description = "int4/int8: weights per quantization block, a power of two >= 16; default: ${DEFAULT-VALUE}")
    int blockSize;

    @Option(names = "--force", description = "replace an existing --out folder (only once the new one is complete)")
    boolean force;

    @Option(names = "--json", description = "print the import report as one JSON object (fields in docs/import.md)")
    boolean json;

    @Option(names = "--list", description = "list the supported architectures and exit")
    boolean list;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (list) {
            printList(o);
            return 0;
        }
        if (source == null || out == null) {
            throw new Main.UsageException("import needs SRC and --out DIR (or --list)");
        }
        if (accuracyLevel < 0 || accuracyLevel > 4) {
            throw new Main.UsageException("--accuracy-level must be 0 to 4, got " + accuracyLevel);
        }
        if (blockSize < 16 || Integer.bitCount(blockSize) != 1) {
            throw new Main.UsageException("--block-size must be a power of two of at least 16, got " + blockSize);
        }
        ImportOptions d = ImportOptions.defaults();
        ImportOptions options = new ImportOptions(null, d.ops(), lmHeadFp32, force, accuracyLevel, blockSize);
        if (precision != null) {
            options = options.withPrecision(Precision.fromCliName(precision));
        }
        if (ops != null) {
            options = options.withOps(Ops.fromCliName(ops));
        }
        PrintWriter err = spec.commandLine().getErr();
        ImportReport r = runCancellable(options, new ImportProgressPrinter(err, System::nanoTime));
        if (json) {
            o.println(Json.write(reportJson(r)));
        } else {
            o.println(String.format(Locale.ROOT, "imported %s (%,d parameters, %s, ops %s) into %s in %.1f s, %,d bytes",
                    r.architecture(), r.parameters(), r.precision().cliName(), r.ops().cliName(), r.folder(), r.seconds(),
                    r.totalBytes()));
            r.files().forEach((name, bytes) -> {
                if (name.endsWith(".onnx") || name.endsWith(".onnx_data") || name.endsWith(".npy")) {
                    o.println(String.format(Locale.ROOT, "  %-40s %,15d bytes", name, bytes));
                }
            });
            r.assumptions().forEach(a -> o.println("  assumed: " + a));
        }
        return 0;
    }

    /** Ctrl+C trips the cancel token; the import deletes its temporary folder before the JVM exits. */
    private ImportReport runCancellable(ImportOptions options, ImportProgressPrinter printer) throws Exception {
        CancelToken cancel = new CancelToken();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "glimpse-import-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new Importer().run(source, out, options, printer, cancel);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is running and lets the JVM exit once the folder is cleaned up
            }
        }
    }

    static void printList(PrintWriter o) {
        for (Importer.Architecture a : Importer.architectures()) {
            o.println(a.name());
            o.println("  maps:  " + a.maps());
            o.println("  notes: " + a.notes());
        }
        o.println("Config keys missing or values not supported are refused naming the key.");
    }

    private static ObjectNode reportJson(ImportReport r) {
        ObjectNode n = Json.object();
        n.put("folder", r.folder().toString());
        n.put("architecture", r.architecture());
        n.put("parameters", r.parameters());
        n.put("precision", r.precision().cliName());
        n.put("ops", r.ops().cliName());
        n.put("seconds", Json.round(r.seconds()));
        ObjectNode files = n.putObject("files");
        r.files().forEach(files::put);
        n.put("total_bytes", r.totalBytes());
        var notes = n.putArray("assumptions");
        r.assumptions().forEach(notes::add);
        return n;
    }
}
