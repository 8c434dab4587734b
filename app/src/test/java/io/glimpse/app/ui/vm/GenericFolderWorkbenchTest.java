package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.TestMedia;
import io.glimpse.app.ui.engine.EngineFactory;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.generic.ClipImageProcessor;
import io.glimpse.inference.generic.ClipSettings;
import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.SegmentKind;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench on a transformers.js image-text-to-text folder, without any toolkit: planned with the
 * image-text-to-text family, the ledger exactly the prompt the real engine then runs.
 */
class GenericFolderWorkbenchTest {
    @TempDir
    static Path dir;
    static Path generic;
    static Path image;
    static Path video;

    @TempDir
    Path config;
    WorkbenchViewModel vm;

    @BeforeAll
    static void model() throws Exception {
        generic = dir.resolve("generic");
        TestModelWriter.write(generic, TestModelWriter.Family.GENERIC, 4);
        image = TestMedia.image(dir, "wide.png", 1000, 500);
        video = TestMedia.video(dir, "clip.mp4", 160, 120, 30, 2);
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    static LedgerSegment segment(TokenLedger l, SegmentKind kind) {
        return l.segments().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void theLedgerIsThePromptTheModelRuns() throws Exception {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), EngineFactory.builtIn());
        vm.chooseModelFolder(generic);
        assertThat(vm.planNoteProperty().get()).contains("transformers.js image-text-to-text (LLaVA-style) from " + generic)
                .contains("each <|dummy3|> expanded to 81 tokens").doesNotContain("unrecognised");
        assertThat(vm.vision().maxGrids()).isEqualTo(1);
        vm.media().add(List.of(image));
        vm.prompts().promptProperty().set("What is in the picture?");
        vm.prompts().maxTokensProperty().set(3);
        TokenLedger predicted = vm.ledger().ledger();
        assertThat(vm.ledger().errorProperty().get()).isNull();
        assertThat(segment(predicted, SegmentKind.IMAGE).detail()).containsEntry("visual", 81).containsEntry("tile", "378x378");
        // 101 with the one-byte question "Q" (GenericAskCommandTest); this question is 23 bytes, one token each
        assertThat(predicted.promptTokens()).isEqualTo(101 - 1 + 23);

        ImagePreview p = vm.preview().imageProperty().get();
        var expected = ClipImageProcessor.tile(vm.media().items().get(0).image(), ClipSettings.fromFolder(generic));
        assertThat(p.rows() + "x" + p.cols() + " " + p.tile()).isEqualTo("1x1 378");
        assertThat(p.canvas().toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(p.tokens()).isEqualTo(81);

        vm.runAnswer();
        var r = vm.run().resultProperty().get();
        assertThat(r.error()).isNull();
        assertThat(r.promptTokens()).isEqualTo(predicted.promptTokens());
    }

    @Test
    void aVideoIsRefusedClearly() {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), EngineFactory.builtIn());
        vm.chooseModelFolder(generic);
        vm.media().add(List.of(image));
        int imageOnly = vm.ledger().ledger().promptTokens();
        vm.media().add(List.of(video));
        String refusal = "this model takes images only: a transformers.js image-text-to-text folder has no video placeholder";
        assertThat(vm.ledger().errorProperty().get()).isEqualTo(refusal);
        assertThat(vm.ledger().ledger().promptTokens()).isEqualTo(imageOnly); // the last ledger stays
        assertThat(vm.strip().errorProperty().get()).isEqualTo(refusal);
    }
}
