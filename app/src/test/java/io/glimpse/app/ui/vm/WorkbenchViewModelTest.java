package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.FakeEngine;
import io.glimpse.app.ui.TestMedia;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.SegmentKind;
import io.glimpse.inference.ledger.TokenLedger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbench's logic without any toolkit: background work runs inline, on the test thread. */
class WorkbenchViewModelTest {
    @TempDir
    static Path media;
    static Path video;
    static Path image;
    static Path bigImage;

    @TempDir
    Path config;
    WorkbenchViewModel vm;
    FakeEngine engine = new FakeEngine(20, 10_000);

    @BeforeAll
    static void makeMedia() throws Exception {
        video = TestMedia.video(media, "clip.mp4", 160, 120, 30, 10);
        image = TestMedia.image(media, "wide.png", 1000, 500);
        bigImage = TestMedia.image(media, "big.png", 4000, 3000);
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
    void aVideoShowsExactlyThePlannedFramesAndTheLedgerFollowsTheCount() {
        open();
        vm.controls().countProperty().set(8); // the default is the command line's 32; the indices below are for 8
        vm.media().add(List.of(video));
        assertThat(vm.strip().frames()).extracting(StripFrame::index).containsExactly(0L, 43L, 85L, 128L, 171L, 214L, 256L, 299L);
        assertThat(vm.strip().frames().get(1).seconds()).isEqualTo(43 / 30.0);
        assertThat(vm.strip().frames().get(1).label()).isEqualTo("#43  0:01.433");
        assertThat(vm.strip().frames()).allMatch(f -> f.thumbnail() != null && f.thumbnail().width() == 120);
        var vision = vm.vision();
        assertThat(vm.strip().canvasesProperty().get()).hasSize(vision.video(8).canvasTokens().size());
        TokenLedger eight = vm.ledger().ledger();
        assertThat(segment(eight, SegmentKind.VIDEO).detail().get("frames")).isEqualTo(8);

        vm.controls().countProperty().set(4);
        assertThat(vm.strip().frames()).extracting(StripFrame::index).containsExactly(0L, 100L, 199L, 299L);
        TokenLedger four = vm.ledger().ledger();
        assertThat(segment(four, SegmentKind.VIDEO).detail().get("frames")).isEqualTo(4);
        assertThat(eight.totalTokens() - four.totalTokens()).isEqualTo(vision.video(8).tokens() - vision.video(4).tokens());
    }

    @Test
    void aBadRangeIsReportedAndNothingTypedIsLost() {
        open();
        vm.media().add(List.of(video));
        vm.controls().endProperty().set("abc");
        assertThat(vm.strip().errorProperty().get()).isEqualTo("clip.mp4: end: 'abc' is not a number of seconds");
        assertThat(vm.controls().endProperty().get()).isEqualTo("abc");
        assertThat(vm.strip().frames()).hasSize(io.glimpse.inference.vision.AskRequest.DEFAULT_FRAMES); // the last good strip stays
        vm.controls().endProperty().set("");
        vm.controls().startProperty().set("12");
        assertThat(vm.strip().errorProperty().get())
                .isEqualTo("clip.mp4: range starts at 12.000 s, at or past the end of the video (10.000 s)");
        assertThat(vm.ledger().errorProperty().get()).isEqualTo("clip.mp4: range starts at 12.000 s, at or past the end of the video (10.000 s)");
    }

    @Test
    void anImageShowsItsGridAndPaddingAndWarnsWhenDownscaled() {
        open();
        vm.media().add(List.of(image));
        ImagePreview p = vm.preview().imageProperty().get();
        var cost = vm.vision().image(1000, 500, vm.vision().maxGrids());
        assertThat(p.rows() + "x" + p.cols()).isEqualTo(cost.detail().get("grid"));
        assertThat(p.canvas().width()).isEqualTo(p.cols() * p.tile());
        assertThat(p.contentW() + "x" + p.contentH()).isEqualTo(cost.detail().get("resized"));
        assertThat(p.contentX()).isEqualTo((p.canvas().width() - p.contentW()) / 2);
        assertThat(p.tokens()).isEqualTo(cost.tokens());
        // the left half of the picture is red, the padding is the processor's fill colour
        assertThat(p.canvas().sample(p.contentX() + 2, p.contentY() + p.contentH() / 2, 0)).isGreaterThan(150);
        assertThat(segment(vm.ledger().ledger(), SegmentKind.IMAGE).source()).isEqualTo("wide.png");

        vm.media().add(List.of(bigImage));
        vm.media().selectedProperty().set(vm.media().items().get(1));
        assertThat(vm.preview().imageProperty().get().warning()).startsWith("downscaled from 4000x3000 to ");
        assertThat(vm.ledger().ledger().warnings()).anyMatch(w -> w.contains("downscaled from 4000x3000"));
    }

    @Test
    void anImagesOcrTextIsCountedAndSentWithIt() {
        open();
        vm.media().add(List.of(image));
        TokenLedger empty = vm.ledger().ledger();
        int before = empty.promptTokens();
        vm.media().setOcr(vm.media().items().get(0), "STOP 50 km/h");
        TokenLedger after = vm.ledger().ledger();
        assertThat(segment(after, SegmentKind.AUX).source()).isEqualTo("wide.png: OCR block");
        int grew = segment(after, SegmentKind.AUX).tokens() - segment(empty, SegmentKind.AUX).tokens();
        assertThat(grew).isPositive(); // the HCX layout always has the block; the text fills it
        assertThat(after.promptTokens()).isEqualTo(before + grew);
        vm.chooseModelFolder(config);
        vm.prompts().promptProperty().set("read the sign");
        vm.runAnswer();
        assertThat(engine.lastRequest.images()).extracting(i -> i.ocr()).containsExactly("STOP 50 km/h");
        vm.run().newChat(); // the answered question would now be counted as history
        vm.prompts().promptProperty().set("");
        vm.media().setOcr(vm.media().items().get(0), " "); // blank: no OCR text
        assertThat(vm.ledger().ledger().promptTokens()).isEqualTo(before);
    }

    @Test
    void aMissingFileIsReportedByNameAndTheListIsKept() {
        open();
        vm.media().add(List.of(image));
        Path missing = media.resolve("nope.mp4");
        vm.media().add(List.of(missing));
        assertThat(vm.media().items()).hasSize(1);
        assertThat(vm.messages().messages().get(0).level()).isEqualTo(MessagesViewModel.Level.ERROR);
        assertThat(vm.messages().messages().get(0).text()).contains("nope.mp4");
        vm.media().add(List.of(media));
        assertThat(vm.messages().messages().get(0).text()).isEqualTo(media + ": is a folder; drop image or video files");
    }

    @Test
    void runStreamsTheAnswerAndFillsTheDiagnostics() {
        open();
        vm.chooseModelFolder(config);
        vm.prompts().promptProperty().set("say twenty words");
        vm.prompts().maxTokensProperty().set(64);
        vm.runAnswer();
        assertThat(vm.run().answerProperty().get()).isEqualTo(FakeEngine.expected(20));
        assertThat(vm.run().resultProperty().get().finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(vm.run().resultProperty().get().generatedTokens()).isEqualTo(20);
        assertThat(vm.run().stages()).extracting(s -> s.name()).containsExactly("prefill", "generation");
        assertThat(vm.run().runningProperty().get()).isFalse();
        assertThat(engine.lastRequest.maxNewTokens()).isEqualTo(64);
        assertThat(engine.lastRequest.prompt()).isEqualTo("say twenty words");
    }

    @Test
    void withoutAModelFolderTheWindowPlansButDoesNotRun() {
        open();
        vm.prompts().promptProperty().set("hello");
        vm.runAnswer();
        assertThat(engine.lastRequest).isNull();
        assertThat(vm.messages().messages().get(0).text()).startsWith("profile-only mode: choose a model folder to run");
        assertThat(vm.planNoteProperty().get()).startsWith("profile-only mode: planning with hcx-seed-vision-3b");
        vm.chooseModelFolder(config.resolve("missing"));
        assertThat(vm.messages().messages().get(0).text()).isEqualTo(config.resolve("missing") + ": not a folder; choose the folder that holds the model's files");
        assertThat(vm.run().modelFolderProperty().get()).isNull();
    }

    @Test
    void thePromptAsTheModelSeesItIsWhatTheLedgerCounts() {
        open();
        vm.media().add(List.of(image));
        vm.prompts().promptProperty().set("What is in the picture?");
        io.glimpse.app.plan.PromptText p = vm.ledger().prompt();
        assertThat(p.tokens()).isEqualTo(vm.ledger().ledgerProperty().get().promptTokens());
        assertThat(p.text()).contains("What is in the picture?");
        // the image's placeholder rows: hundreds of copies in the text, one "TOKEN ×N" in the collapsed view
        assertThat(p.collapsed()).matches("(?s).*<[^<>]+> ×\\d{3,}.*");
        assertThat(p.collapsed().length()).isLessThan(p.text().length() / 4);
    }

    @Test
    void choosingAFolderAnswersTheProfileOnlyWarning() {
        open();
        vm.prompts().promptProperty().set("hello");
        vm.runAnswer();
        assertThat(vm.messages().messages()).extracting(MessagesViewModel.Message::text).anyMatch(t -> t.startsWith("profile-only mode"));
        vm.chooseModelFolder(config);
        assertThat(vm.messages().messages()).extracting(MessagesViewModel.Message::text).noneMatch(t -> t.startsWith("profile-only mode"));
    }

    @Test
    void theRandomWeightTestModelIsSaidToAnswerGibberish() throws Exception {
        Path folder = config.resolve("tiny-vlm");
        io.glimpse.inference.testmodel.TestModelWriter.write(folder, io.glimpse.inference.testmodel.TestModelWriter.Family.HCX_VISION, 7);
        open();
        vm.chooseModelFolder(folder);
        String notice = "a Glimpse test model with random weights (make-test-model): it runs, but answers gibberish by design";
        assertThat(vm.planNoteProperty().get()).startsWith("⚠ " + notice + "; HyperCLOVAX");
        assertThat(vm.messages().messages().get(0).text()).isEqualTo(folder + " is " + notice);
        vm.chooseModelFolder(config); // any other folder: no such notice
        assertThat(vm.planNoteProperty().get()).doesNotContain("random weights");
    }

    @Test
    void aPlaceholderWithoutMediaIsRefusedWithTheCommandLinesWords() {
        open();
        vm.chooseModelFolder(config);
        vm.prompts().promptProperty().set("<image> what is this?");
        vm.runAnswer();
        assertThat(engine.lastRequest).isNull();
        assertThat(vm.messages().messages().get(0).text()).isEqualTo("the prompt contains the placeholder <image> but no image or video"
                + " is in the list; Glimpse places media itself, drop it from the text");
        assertThat(vm.prompts().promptProperty().get()).isEqualTo("<image> what is this?");
        vm.prompts().promptProperty().set("  ");
        vm.runAnswer();
        assertThat(vm.messages().messages().get(0).text()).isEqualTo("the prompt is empty: type a question first");
    }

    @Test
    void settingsAndPresetsSurviveARestart() {
        open();
        vm.prompts().promptProperty().set("What happens?");
        vm.prompts().systemProperty().set("Be brief.");
        vm.prompts().savePreset("brief");
        vm.themeProperty().set("dark");
        vm.controls().countProperty().set(12);
        vm.controls().dedupeProperty().set(true);
        vm.chooseModelFolder(config);
        vm.save();
        vm.close();

        open();
        assertThat(vm.prompts().promptProperty().get()).isEqualTo("What happens?");
        assertThat(vm.themeProperty().get()).isEqualTo("dark");
        assertThat(vm.controls().countProperty().get()).isEqualTo(12);
        assertThat(vm.controls().dedupeProperty().get()).isTrue();
        assertThat(vm.run().modelFolderProperty().get()).isEqualTo(config);
        vm.prompts().promptProperty().set("");
        vm.prompts().systemProperty().set("");
        vm.prompts().apply(vm.prompts().presets().get(0));
        assertThat(vm.prompts().systemProperty().get()).isEqualTo("Be brief.");
        assertThat(vm.prompts().promptProperty().get()).isEqualTo("What happens?");
    }

    @Test
    void fitToBudgetTakesTheMostFramesThatFit() {
        open();
        vm.media().add(List.of(video));
        vm.controls().maxFramesProperty().set(64);
        vm.controls().countProperty().set(20);
        int budget = vm.ledger().ledger().visualTokens();
        vm.controls().countProperty().set(3);
        vm.ledger().budgetProperty().set(String.valueOf(budget));
        vm.ledger().fitToBudget();
        int frames = vm.controls().countProperty().get();
        assertThat(frames).isGreaterThanOrEqualTo(20);
        assertThat(vm.ledger().ledger().visualTokens()).isLessThanOrEqualTo(budget);
        assertThat(vm.ledger().explanation()).isNotEmpty();
        assertThat(vm.strip().frames()).hasSize(frames);
        vm.controls().countProperty().set(frames + 1);
        assertThat(vm.ledger().ledger().visualTokens()).isGreaterThan(budget); // the most frames that fit

        vm.ledger().budgetProperty().set("lots");
        vm.ledger().fitToBudget();
        assertThat(vm.ledger().errorProperty().get()).isEqualTo("budget: 'lots' is not a positive number of tokens");
    }

    @Test
    void theRealTinyLlamaStreamsItsGoldenTextThroughTheBuiltInEngine() {
        Path llama = Path.of(System.getProperty("glimpse.repoRoot", "."), "..", "shared", "fixtures", "llama2c").normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(llama), "fixture " + llama + " absent; skipped");
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), io.glimpse.app.ui.engine.EngineFactory.builtIn());
        vm.chooseModelFolder(llama);
        vm.prompts().promptProperty().set("Once upon a time");
        vm.prompts().greedyProperty().set(true);
        vm.prompts().maxTokensProperty().set(10);
        vm.runAnswer();
        assertThat(vm.run().answerProperty().get()).isEqualTo(", there was a little girl named Lily");
        assertThat(vm.run().resultProperty().get().promptTokens()).isEqualTo(5);
        assertThat(vm.run().stages()).extracting(s -> s.name()).containsExactly("load", "tokenize", "prefill", "generation");
        assertThat(vm.run().engineNameProperty().get()).startsWith("llama2c (text model, CPU)");
        // no chat template: no follow-ups, and the window says so
        assertThat(vm.messages().messages().get(0).text()).endsWith("has no chat template: each question is answered on its own (no follow-ups)");
        assertThat(vm.run().conversation().turns()).isEmpty();

        vm.media().add(List.of(image));
        vm.runAnswer();
        assertThat(vm.messages().messages().get(0).text())
                .isEqualTo("llama2c is a text model and takes no images or videos: remove them from the list, or choose a vision model folder");
        assertThat(vm.run().answerProperty().get()).isEmpty();
    }
}
