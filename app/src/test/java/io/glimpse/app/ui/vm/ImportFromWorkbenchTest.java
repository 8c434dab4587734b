package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.FakeEngine;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint chosen as the model folder is offered for import, and the imported folder becomes the model. */
class ImportFromWorkbenchTest {
    @TempDir
    Path temp;
    WorkbenchViewModel vm;

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void aCheckpointChosenAsTheModelFolderOpensTheImportInsteadOfAnError() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ImportViewModelTest.FIXTURE),
                "skipped: the Hugging Face fixture " + ImportViewModelTest.FIXTURE + " is absent");
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(temp.resolve("config")), folder -> new FakeEngine(5, 1000));
        vm.chooseModelFolder(ImportViewModelTest.FIXTURE);
        assertThat(vm.run().modelFolderProperty().get()).isNull(); // not opened as a model
        assertThat(vm.messages().messages()).extracting(MessagesViewModel.Message::level).containsOnly(MessagesViewModel.Level.INFO);
        assertThat(vm.messages().messages().get(0).text())
                .isEqualTo("stories260K-llama is a Hugging Face checkpoint, not an ONNX model folder: import it"
                        + " (the import pane is open for it); the imported folder then opens as the model");
        ImportViewModel imports = vm.importer();
        assertThat(imports.shownProperty().get()).isTrue();
        assertThat(imports.sourceProperty().get()).isEqualTo(ImportViewModelTest.FIXTURE);

        Path out = temp.resolve("stories-glimpse-fp32");
        imports.outputProperty().set(out.toString());
        imports.start();
        assertThat(vm.run().modelFolderProperty().get()).isEqualTo(out);
        assertThat(vm.planNoteProperty().get()).contains(out.toString()); // planned as a text model folder
        assertThat(vm.messages().messages().get(0).text()).startsWith("imported LlamaForCausalLM");
        assertThat(vm.messages().messages()).noneMatch(m -> m.text().contains("is a Hugging Face checkpoint")); // the offer is done

        vm.chooseModelFolder(out); // an imported folder (glimpse.json) opens as it is
        assertThat(vm.run().modelFolderProperty().get()).isEqualTo(out);
        assertThat(vm.importer().sourceProperty().get()).isEqualTo(ImportViewModelTest.FIXTURE);
    }
}
