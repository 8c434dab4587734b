package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glimpse make-test-model}: files written, refusal of a non-empty folder, exit codes. */
class MakeTestModelCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryFileAndSaysTheModelAnswersGibberish() throws Exception {
        Path out = dir.resolve("tiny");
        Run r = CommandLineTest.glimpse("make-test-model", "--out", out.toString(), "--seed", "5");
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : TestModelWriter.Family.HCX_VISION.files()) {
            assertThat(out.resolve(f)).isRegularFile();
            assertThat(r.out()).contains("wrote " + out.resolve(f));
        }
        assertThat(r.out()).contains("random weights (seed 5) and answers gibberish");
        assertThat(Files.readString(out.resolve("README.md"))).contains("seed 5");
    }

    @Test
    void refusesANonEmptyFolderWithoutForce() throws Exception {
        Path out = dir.resolve("busy");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        Run r = CommandLineTest.glimpse("make-test-model", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("glimpse: " + out + " is not empty; choose an empty folder or add --force");
        assertThat(out.resolve("glimpse.json")).doesNotExist();

        Run forced = CommandLineTest.glimpse("make-test-model", "--out", out.toString(), "--force",
                "--family", "hcx-vision-probe");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("probe model");
        assertThat(out.resolve("onnx/decoder_model_merged.onnx")).isRegularFile();
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void genericFamilyWritesNoGlimpseJson() throws Exception {
        Path out = dir.resolve("generic");
        Run r = CommandLineTest.glimpse("make-test-model", "--out", out.toString(), "--family", "generic");
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : TestModelWriter.Family.GENERIC.files()) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        assertThat(out.resolve("glimpse.json")).doesNotExist();
        assertThat(r.out()).contains("random weights (seed 0) and answers gibberish");
    }

    @Test
    void sameSeedWritesTheSameDecoder() throws Exception {
        assertThat(CommandLineTest.glimpse("make-test-model", "--out", dir.resolve("a").toString(), "--seed", "9").code()).isZero();
        assertThat(CommandLineTest.glimpse("make-test-model", "--out", dir.resolve("b").toString(), "--seed", "9").code()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("b/onnx/decoder_model_merged.onnx")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a/onnx/decoder_model_merged.onnx")));
    }

    @Test
    void badArgumentsExitWithUsageOrBadInput() throws Exception {
        Run family = CommandLineTest.glimpse("make-test-model", "--out", dir.resolve("x").toString(), "--family", "llava");
        assertThat(family.code()).isEqualTo(2);
        assertThat(family.err()).contains("unknown test-model family 'llava' (known: hcx-vision, hcx-vision-probe, generic)");

        assertThat(CommandLineTest.glimpse("make-test-model").code()).isEqualTo(2); // --out is required

        Path file = dir.resolve("file.txt");
        Files.writeString(file, "x");
        Run notDir = CommandLineTest.glimpse("make-test-model", "--out", file.toString(), "--force");
        assertThat(notDir.code()).isEqualTo(3);
        assertThat(notDir.err()).contains("glimpse: " + file + ": exists and is not a folder");
    }
}
