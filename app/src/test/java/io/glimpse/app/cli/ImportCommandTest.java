package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.inference.importer.ImportListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glimpse import}: the list, an import that {@code glimpse generate} runs, refusals and exit codes. */
class ImportCommandTest {
    @TempDir
    Path dir;

    static Path stories() {
        Path p = Path.of(System.getProperty("glimpse.repoRoot", "."), "..", "shared", "fixtures", "hf", "stories260K-llama")
                .normalize();
        assumeTrue(Files.isDirectory(p), "fixture " + p + " absent; skipped");
        return p;
    }

    @Test
    void listPrintsEveryArchitectureWithWhatItMaps() {
        Run r = CommandLineTest.glimpse("import", "--list");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("LlamaForCausalLM", "ExaoneForCausalLM", "transformer.h.N.{ln_1", "model.embed_tokens");
    }

    @Test
    void anImportedFolderGeneratesTheGoldenText() {
        Path out = dir.resolve("stories");
        Run r = CommandLineTest.glimpse("import", stories().toString(), "--out", out.toString(), "--ops", "standard");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("imported LlamaForCausalLM", "fp32", "ops standard");
        assertThat(r.out()).containsPattern("decoder_model_merged.onnx_data +[0-9,]+ bytes");
        assertThat(r.err()).contains("glimpse: import 48/48 tensors", "done");
        Run g = CommandLineTest.glimpse("generate", "--model", out.toString(), "--prompt", "Once upon a time", "--greedy",
                "--max-tokens", "60");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).startsWith(", there was a little girl named Lily.").contains("too high.\nLily");

        Run again = CommandLineTest.glimpse("import", stories().toString(), "--out", out.toString());
        assertThat(again.code()).isEqualTo(3);
        assertThat(again.err().strip()).isEqualTo("glimpse: " + out + ": already exists; pass --force to replace it");
        Run forced = CommandLineTest.glimpse("import", stories().toString(), "--out", out.toString(), "--force", "--json");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("\"ops\" : \"fused\"", "\"decoder_model_merged.onnx_data\"");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(CommandLineTest.glimpse("import", "somewhere").code()).isEqualTo(2);
        Run q = CommandLineTest.glimpse("import", "x", "--out", dir.resolve("q").toString(), "--precision", "int3");
        assertThat(q.code()).isEqualTo(2);
        assertThat(q.err()).contains("unknown precision 'int3'");
        assertThat(dir.resolve("q")).doesNotExist();
        assertThat(CommandLineTest.glimpse("import", "x", "--out", "y", "--ops", "turbo").err()).contains("unknown op set 'turbo'");
        Run level = CommandLineTest.glimpse("import", "x", "--out", "y", "--accuracy-level", "5");
        assertThat(level.code()).isEqualTo(2);
        assertThat(level.err()).contains("--accuracy-level must be 0 to 4, got 5");
        assertThat(CommandLineTest.glimpse("import", "x", "--out", "y", "--block-size", "24").err())
                .contains("--block-size must be a power of two of at least 16, got 24");
    }

    @Test
    void aNonCheckpointIsBadInput() throws Exception {
        Run r = CommandLineTest.glimpse("import", dir.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("no config.json");
    }

    @Test
    void theEtaFollowsTheBytesRate() {
        assertThat(ImportProgressPrinter.eta(0, 100, 1)).isEqualTo("?");
        assertThat(ImportProgressPrinter.eta(25, 100, 10)).isEqualTo("30 s");
        assertThat(ImportProgressPrinter.eta(10, 100, 10)).isEqualTo("1 min 30 s");
        assertThat(ImportProgressPrinter.line(new ImportListener.Progress(3, 10, 2_000_000, 8_000_000, "x"), 2))
                .isEqualTo("glimpse: import 3/10 tensors, 2.0/8.0 MB, ETA 6 s");
    }
}
