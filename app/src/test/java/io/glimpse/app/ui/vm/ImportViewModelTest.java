package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.service.CheckpointSummary;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.ImportListener.Progress;
import io.glimpse.inference.importer.ImportReport;
import io.glimpse.inference.importer.Importer;
import io.glimpse.inference.importer.Ops;
import io.glimpse.inference.importer.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import pane's logic without a toolkit: the import runs inline, on the test thread. */
class ImportViewModelTest {
    static final Path FIXTURE = Path.of(System.getProperty("glimpse.repoRoot", "."), "..", "shared", "fixtures", "hf",
            "stories260K-llama").toAbsolutePath().normalize();

    @TempDir
    Path temp;
    final MessagesViewModel messages = new MessagesViewModel();
    final List<Path> opened = new ArrayList<>();
    final AtomicLong clock = new AtomicLong();
    ImportViewModel.ImportJob job = new Importer()::run;
    ImportViewModel vm;

    @BeforeEach
    void open() {
        vm = new ImportViewModel(TaskRunner.inline(), messages, (s, o, opts, l, c) -> job.run(s, o, opts, l, c), clock::get, opened::add);
    }

    /** The fixture copied into the test's folder, so the default output (a sibling) lands there too. */
    Path checkpoint() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURE), "skipped: the Hugging Face fixture " + FIXTURE + " is absent");
        Path copy = Files.createDirectories(temp.resolve("stories260K-llama"));
        try (var files = Files.list(FIXTURE)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void aCheckpointShowsItsArchitectureSizeAndTheDefaults() throws Exception {
        Path ckpt = checkpoint();
        vm.open(ckpt);
        assertThat(vm.shownProperty().get()).isTrue();
        assertThat(vm.summaryProperty().get()).startsWith("LlamaForCausalLM, ").endsWith(" K parameters");
        assertThat(vm.precisionProperty().get()).isEqualTo(Precision.FP32); // ImportOptions.defaultPrecision for 260K
        assertThat(vm.precisionNoteProperty().get()).endsWith("parameters: fp32");
        assertThat(vm.opsProperty().get()).isEqualTo(Ops.FUSED);
        assertThat(vm.outputProperty().get()).isEqualTo(temp.resolve("stories260K-llama-glimpse-fp32").toString());
    }

    /** The pane knows what the importer takes: the vision-language architecture too, and says so of an unknown one. */
    @Test
    void thePaneKnowsEveryArchitectureTheImporterTakes() throws Exception {
        Path hcx = FIXTURE.resolveSibling("tiny-hcx-vision");
        Assumptions.assumeTrue(Files.isDirectory(hcx), "skipped: the Hugging Face fixture " + hcx + " is absent");
        vm.open(hcx);
        assertThat(vm.summaryProperty().get()).startsWith("HCXVisionForCausalLM, ").endsWith(" parameters");
        Path other = checkpoint();
        Path config = other.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("LlamaForCausalLM", "MistralForCausalLM"));
        vm.open(other);
        assertThat(vm.summaryProperty().get()).startsWith("MistralForCausalLM, ")
                .endsWith("(not an architecture the importer knows; Start says which it does)");
    }

    @Test
    void theDefaultOutputFollowsThePrecisionUntilTheUserTypesOne() throws Exception {
        vm.open(checkpoint());
        vm.precisionProperty().set(Precision.FP16);
        assertThat(vm.outputProperty().get()).endsWith("stories260K-llama-glimpse-fp16");
        vm.outputProperty().set(temp.resolve("mine").toString());
        vm.precisionProperty().set(Precision.INT8);
        assertThat(vm.outputProperty().get()).isEqualTo(temp.resolve("mine").toString());
    }

    @Test
    void anImportWritesTheFolderReportsItAndHandsItOver() throws Exception {
        Path ckpt = checkpoint();
        vm.open(ckpt);
        vm.start();
        Path out = temp.resolve("stories260K-llama-glimpse-fp32");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(opened).containsExactly(out);
        assertThat(out.resolve("decoder_model_merged.onnx")).isRegularFile();
        ImportReport r = vm.resultProperty().get();
        assertThat(r.architecture()).isEqualTo("LlamaForCausalLM");
        assertThat(r.precision()).isEqualTo(Precision.FP32);
        assertThat(CheckpointSummary.read(ckpt).parameters()).isEqualTo(r.parameters()); // the pane counts as the importer does
        assertThat(vm.progress().fractionProperty().get()).isEqualTo(1.0);
        assertThat(vm.progress().textProperty().get()).startsWith("done: ").contains(" tensors, ").contains(" written in ");
        assertThat(vm.progress().etaProperty().get()).isEmpty();
        String said = messages.messages().get(0).text();
        assertThat(said).startsWith("imported LlamaForCausalLM (").contains("as fp32, fused ops: ").contains(out.toString())
                .contains("assumed: ").contains(r.assumptions().get(0));
    }

    @Test
    void aBareOutputNameGoesBesideTheCheckpoint() throws Exception {
        vm.open(checkpoint());
        vm.outputProperty().set("stories-fp32");
        vm.start();
        assertThat(opened).containsExactly(temp.resolve("stories-fp32"));
    }

    @Test
    void stopCancelsWithinATensorAndLeavesNothingBehind() throws Exception {
        vm.open(checkpoint());
        vm.progress().fractionProperty().addListener((o, a, b) -> {
            if (b.doubleValue() > 0 && b.doubleValue() < 1) {
                vm.stop(); // the first tensor shown: the inline import is still running
            }
        });
        vm.start();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(opened).isEmpty();
        assertThat(vm.progress().textProperty().get()).isEqualTo("stopped: nothing was written");
        try (var left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("stories260K-llama"); // no output, no hidden temp folder
        }
        assertThat(messages.messages().get(0).text()).startsWith("import stopped; nothing was written");
    }

    @Test
    void anExistingOutputFolderIsRefusedAndNothingTypedIsLost() throws Exception {
        vm.open(checkpoint());
        Path taken = Files.createDirectories(temp.resolve("taken"));
        vm.outputProperty().set(taken.toString());
        vm.precisionProperty().set(Precision.FP16);
        vm.start();
        assertThat(vm.errorProperty().get()).isEqualTo(taken + ": already exists; choose another output folder (or delete that one)");
        assertThat(messages.messages().get(0)).isEqualTo(new MessagesViewModel.Message(MessagesViewModel.Level.ERROR, vm.errorProperty().get()));
        assertThat(vm.outputProperty().get()).isEqualTo(taken.toString());
        assertThat(vm.precisionProperty().get()).isEqualTo(Precision.FP16);
        assertThat(opened).isEmpty();
    }

    @Test
    void aFolderThatIsNotACheckpointIsReportedAsTheImporterSaysIt() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("not-a-checkpoint"));
        vm.open(empty);
        assertThat(vm.summaryProperty().get()).startsWith("cannot read the checkpoint");
        assertThat(messages.messages().get(0).text()).isEqualTo(empty + ": not a Hugging Face checkpoint folder: it has no config.json");
        vm.start();
        assertThat(vm.errorProperty().get()).isEqualTo(empty + ": not a Hugging Face checkpoint folder: it has no config.json");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.progress().textProperty().get()).isEqualTo("failed (see the message below)");
        assertThat(vm.outputProperty().get()).isEqualTo(temp.resolve("not-a-checkpoint-glimpse-fp32").toString());
    }

    @Test
    void aPrecisionTheImporterRefusesIsShownInTheStrip() throws Exception {
        job = (s, o, opts, l, c) -> {
            throw new IllegalArgumentException("precision int4 is not available yet");
        };
        vm.open(checkpoint());
        vm.precisionProperty().set(Precision.INT4);
        vm.start();
        assertThat(messages.messages().get(0).text()).isEqualTo("precision int4 is not available yet");
        assertThat(vm.precisionProperty().get()).isEqualTo(Precision.INT4);
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void theEtaComesFromBytesPerElapsedSecondAndIsUnknownBeforeTheFirstTensor() throws Exception {
        List<String> etas = new ArrayList<>();
        job = (s, o, opts, l, c) -> {
            etas.add(vm.progress().etaProperty().get());
            clock.set(13_000_000_000L);
            l.progress(new Progress(2, 12, 200, 1200, "model.layers.0.self_attn.q_proj.weight"));
            etas.add(vm.progress().etaProperty().get());
            etas.add(vm.progress().textProperty().get());
            clock.set(13_050_000_000L); // 50 ms later: too soon for the UI, kept for the next handoff
            l.progress(new Progress(3, 12, 300, 1200, "model.layers.0.self_attn.k_proj.weight"));
            etas.add(vm.progress().textProperty().get());
            clock.set(3_613_000_000_000L);
            l.progress(new Progress(4, 12, 400, 1200, "model.layers.0.self_attn.v_proj.weight"));
            etas.add(vm.progress().etaProperty().get());
            throw new CheckpointException(s, "enough");
        };
        vm.open(checkpoint());
        vm.start();
        assertThat(etas).containsExactly("ETA unknown", "ETA 1 min 05 s", "2 / 12 tensors · 200 B / 1.20 kB",
                "2 / 12 tensors · 200 B / 1.20 kB", "ETA 2 h 00 min");
    }

    @Test
    void etaTexts() {
        assertThat(ImportFigures.eta(0, 100, 5_000_000_000L)).isEqualTo("ETA unknown");
        assertThat(ImportFigures.eta(50, 100, 21_000_000_000L)).isEqualTo("ETA 21 s");
        assertThat(ImportFigures.eta(100, 100, 1_000_000_000L)).isEqualTo("ETA 0 s");
        assertThat(ImportFigures.eta(1, 61, 1_000_000_000L)).isEqualTo("ETA 1 min 00 s");
    }

    @Test
    void figuresInWords() {
        assertThat(ImportFigures.bytes(999)).isEqualTo("999 B");
        assertThat(ImportFigures.bytes(1_234_567)).isEqualTo("1.23 MB");
        assertThat(ImportFigures.bytes(15_800_000_000L)).isEqualTo("15.8 GB");
        assertThat(ImportFigures.parameters(292_472)).isEqualTo("292 K");
        assertThat(ImportFigures.parameters(12_900_000_000L)).isEqualTo("12.9 B");
        assertThat(ImportFigures.parameters(1_240_000_000L)).isEqualTo("1.24 B");
    }
}
