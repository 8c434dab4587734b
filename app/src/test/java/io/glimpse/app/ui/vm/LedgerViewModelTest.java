package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glimpse.app.ui.FakeEngine;
import io.glimpse.app.ui.TestMedia;
import io.glimpse.app.ui.engine.EngineFactory;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.SegmentKind;
import io.glimpse.inference.ledger.TokenLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's answer part, its budget and its parts' words, on the workbench without any toolkit. */
class LedgerViewModelTest {
    @TempDir
    static Path media;
    static Path longVideo;
    static Path image;

    @TempDir
    Path config;
    WorkbenchViewModel vm;
    FakeEngine engine = new FakeEngine(20, 10_000);

    @BeforeAll
    static void makeMedia() throws Exception {
        longVideo = TestMedia.video(media, "forty.mp4", 64, 48, 10, 40);
        image = TestMedia.image(media, "wide.png", 1000, 500);
    }

    WorkbenchViewModel open() {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), folder -> engine);
        return vm;
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
    void theLedgerReservesExactlyTheMaxNewTokensTheGeneratorGets() {
        open();
        assertThat(vm.ledger().ledger().outputReserve()).isEqualTo(vm.prompts().maxTokensProperty().get());
        vm.prompts().maxTokensProperty().set(100);
        assertThat(vm.ledger().ledger().outputReserve()).isEqualTo(100);
        assertThat(vm.ledger().maxNewTokensProperty()).isSameAs(vm.prompts().maxTokensProperty());
        vm.chooseModelFolder(config);
        vm.prompts().promptProperty().set("hi");
        vm.runAnswer();
        assertThat(engine.lastRequest.maxNewTokens()).isEqualTo(100);
    }

    @Test
    void anOldFilesAnswerReserveBecomesTheOneSettingUnlessMaxTokensWasThere() throws Exception {
        Files.writeString(config.resolve("settings.json"), "{\"outputReserve\": 300}");
        open();
        assertThat(vm.prompts().maxTokensProperty().get()).isEqualTo(300);
        assertThat(vm.ledger().ledger().outputReserve()).isEqualTo(300);
        vm.close();
        Files.writeString(config.resolve("settings.json"), "{\"maxTokens\": 200, \"outputReserve\": 512}");
        open();
        assertThat(vm.prompts().maxTokensProperty().get()).isEqualTo(200); // what runs used wins
        assertThat(vm.ledger().ledger().outputReserve()).isEqualTo(200);
        vm.save();
        assertThat(Files.readString(config.resolve("settings.json"))).doesNotContain("outputReserve");
    }

    @Test
    void theLlama2cModelFitsItsContextWithTheDefaultAnswerLength() {
        Path llama2c = Path.of(System.getProperty("glimpse.repoRoot", "."), "..", "shared", "fixtures", "llama2c").normalize();
        assumeTrue(Files.isDirectory(llama2c), "fixture " + llama2c + " absent; skipped");
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), EngineFactory.builtIn());
        vm.chooseModelFolder(llama2c);
        vm.prompts().promptProperty().set("Once upon a time there was a little dog who liked to run in the park");
        TokenLedger l = vm.ledger().ledger();
        assertThat(l.contextLength()).isEqualTo(512);
        assertThat(l.outputReserve()).isEqualTo(256);
        assertThat(l.fits()).isTrue();
    }

    @Test
    void fitToBudgetSpendsSpareBudgetOnFramesUpToTheFamilysCap() {
        open();
        vm.media().add(List.of(longVideo));
        int cap = vm.vision().video(10_000).framesUsed();
        assertThat(cap).isLessThan(FrameControls.MAX_COUNT); // the 3B keeps 108 per video
        vm.ledger().budgetProperty().set("5000");
        vm.ledger().fitToBudget();
        assertThat(vm.ledger().errorProperty().get()).isNull();
        assertThat(vm.controls().countProperty().get()).isEqualTo(cap); // past max frames 64: raised
        assertThat(vm.controls().maxFramesProperty().get()).isGreaterThanOrEqualTo(cap);
        assertThat(segment(vm.ledger().ledger(), SegmentKind.VIDEO).detail().get("frames")).isEqualTo(cap);
        assertThat(vm.ledger().explanation()).noneMatch(line -> line.startsWith("dearer"));
        assertThat(vm.ledger().explanation()).anyMatch(line -> line.startsWith("visual tokens (images and videos): "));
    }

    @Test
    void fitToBudgetNeverOffersAnOptionThatCostsTheSame() {
        open();
        vm.media().add(List.of(longVideo));
        vm.ledger().budgetProperty().set("1000");
        vm.ledger().fitToBudget();
        int chosen = vm.ledger().ledger().visualTokens();
        assertThat(chosen).isLessThanOrEqualTo(1000);
        String cheaper = vm.ledger().explanation().stream().filter(l -> l.startsWith("cheaper: ")).findFirst().orElseThrow();
        int cheaperTokens = Integer.parseInt(cheaper.replaceAll(".* (\\d+) visual tokens$", "$1"));
        assertThat(cheaperTokens).isLessThan(chosen);
        assertThat(cheaper).doesNotContain("grid"); // no image: the grid limit is no option
        String dearer = vm.ledger().explanation().stream().filter(l -> l.startsWith("dearer")).findFirst().orElseThrow();
        assertThat(Integer.parseInt(dearer.replaceAll(".* (\\d+) visual tokens$", "$1"))).isGreaterThan(1000);
    }

    @Test
    void theBudgetSaysWhatItCounts() {
        assertThat(LedgerText.BUDGET_TIP).startsWith("The budget counts visual tokens only");
        open();
        vm.media().add(List.of(image));
        vm.ledger().budgetProperty().set("5000");
        vm.ledger().fitToBudget();
        TokenLedger l = vm.ledger().ledger();
        String total = vm.ledger().explanation().stream().filter(s -> s.startsWith("visual tokens")).findFirst().orElseThrow();
        assertThat(total).contains(": " + l.visualTokens() + " of the budget 5000")
                .contains("the whole request with text and answer: " + l.totalTokens() + " of the context " + l.contextLength());
    }

    @Test
    void anEmptyOcrBlockIsItsOwnPartAndSaysWhyItIsThere() {
        open();
        vm.media().add(List.of(image));
        LedgerSegment aux = segment(vm.ledger().ledger(), SegmentKind.AUX);
        assertThat(aux.tokens()).isPositive();
        assertThat(LedgerText.part(aux)).isEqualTo("wide.png: OCR block (empty)");
        assertThat(LedgerText.describe(aux)).contains("image/aux block").contains("hcx-spec.md §7.3").contains("sent even when empty");
        assertThat(segment(vm.ledger().ledger(), SegmentKind.IMAGE).tokens()).isNotEqualTo(0);
        vm.media().setOcr(vm.media().items().get(0), "EXIT");
        assertThat(LedgerText.part(segment(vm.ledger().ledger(), SegmentKind.AUX))).isEqualTo("wide.png: OCR block");
    }

    @Test
    void theAnswerPartIsNamedByItsSetting() {
        open();
        LedgerSegment answer = segment(vm.ledger().ledger(), SegmentKind.OUTPUT_RESERVE);
        assertThat(LedgerText.part(answer)).isEqualTo("answer (max new tokens)");
        assertThat(LedgerText.describe(answer)).contains("256 tokens").contains("max_new_tokens");
    }
}
