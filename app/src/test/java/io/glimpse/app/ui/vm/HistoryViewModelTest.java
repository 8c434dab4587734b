package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunRecord;
import io.glimpse.app.history.RunSummary;
import io.glimpse.app.history.WindowRuns;
import io.glimpse.app.ui.FakeEngine;
import io.glimpse.app.ui.TestMedia;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history pane's logic on a real temporary history, background work inline, no toolkit. */
class HistoryViewModelTest {
    @TempDir
    static Path media;
    static Path video;
    static Path image;
    static Path second;
    @TempDir
    Path dir;
    HistoryStore store;
    WorkbenchViewModel wb;
    HistoryViewModel vm;
    final FakeEngine engine = new FakeEngine(5, 10_000);
    Path modelA;
    Path modelB;

    @BeforeAll
    static void makeMedia() throws Exception {
        video = TestMedia.video(media, "harbour-clip.mp4", 160, 120, 30, 10);
        image = TestMedia.image(media, "receipt.png", 800, 600);
        second = TestMedia.video(media, "second.mp4", 160, 120, 25, 8);
    }

    @BeforeEach
    void open() throws Exception {
        store = HistoryStore.open(dir.resolve("history.db"));
        modelA = Files.createDirectories(dir.resolve("model-a"));
        modelB = Files.createDirectories(dir.resolve("model-b"));
        wb = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(dir.resolve("settings.json")), folder -> engine);
        vm = new HistoryViewModel(TaskRunner.inline(), store, wb, 0);
    }

    @AfterEach
    void close() {
        vm.close();
        wb.close();
        store.close();
    }

    /** A window run as the window records it: video at 2 fps from 1.5 s with dedupe, an image with OCR text, sampling with a seed. */
    RunRecord run(Path model, String question, String answer, long created) {
        SamplingRequest frames = SamplingRequest.of(new FrameSelection.Fps(2.0, 1, 12)).withRange(1.5, 7.0)
                .withDedupe(SamplingRequest.DEFAULT_DEDUPE_THRESHOLD);
        AnswerRequest request = new AnswerRequest("Answer in one line.", question, List.of(new AnswerRequest.Image(image, "TOTAL 12.50")),
                List.of(new AnswerRequest.Video(video, frames)), SamplingParams.defaults().withTemperature(0.4).withTopK(20).withSeed(99L),
                77, 4, List.of(ChatMessage.user("What is this?"), ChatMessage.assistant("A harbour.")));
        AnswerResult result = new AnswerResult(answer, FinishReason.STOP, 900, 12, 150, 40, List.of(new StageTime("prefill", 0, 150)), null);
        RunRecord r = WindowRuns.record(store, "window", created, model, "hcx-seed-vision-3b", request, result, null, List.of());
        return r;
    }

    @Test
    void searchFindsAnswerTextModelAndMediaAndTheFiltersNarrowIt() {
        store.add(run(modelA, "How many boats?", "Three sailing boats.", 1000));
        store.add(run(modelB, "What colour is the sky?", "Grey, with clouds.", 2000));
        store.add(run(modelA, "Read the receipt", "The total is 12.50.", 3000));
        vm.refresh();
        assertThat(vm.runs()).extracting(RunSummary::question).containsExactly("Read the receipt", "What colour is the sky?", "How many boats?");
        assertThat(vm.models()).containsExactly(modelA.toString(), modelB.toString());
        assertThat(vm.statusProperty().get()).isEqualTo("3 runs");

        vm.searchProperty().set("sailing"); // a word of an answer
        assertThat(vm.runs()).extracting(RunSummary::question).containsExactly("How many boats?");
        vm.searchProperty().set("model-b"); // the model folder
        assertThat(vm.runs()).extracting(RunSummary::question).containsExactly("What colour is the sky?");
        vm.searchProperty().set("");
        vm.modelFilterProperty().set(modelA.toString());
        assertThat(vm.runs()).extracting(RunSummary::question).containsExactly("Read the receipt", "How many boats?");
        assertThat(vm.statusProperty().get()).isEqualTo("2 of 3 runs");
        vm.mediaFilterProperty().set("nothing-like-this.mp4");
        assertThat(vm.runs()).isEmpty();
        vm.mediaFilterProperty().set("harbour");
        assertThat(vm.runs()).hasSize(2);
    }

    @Test
    void deleteRemovesTheRunAndUndoBringsItBackInItsPlace() {
        store.add(run(modelA, "first", "one", 1000));
        long middle = store.add(run(modelA, "second", "two", 2000));
        store.add(run(modelA, "third", "three", 3000));
        vm.refresh();
        vm.selectedProperty().set(vm.runs().get(1));
        assertThat(vm.recordProperty().get().question()).isEqualTo("second");
        vm.delete();
        assertThat(store.get(middle)).isEmpty();
        assertThat(vm.runs()).extracting(RunSummary::question).containsExactly("third", "first");
        assertThat(vm.canUndoProperty().get()).isTrue();
        assertThat(vm.selectedProperty().get()).isNull();
        vm.undo();
        assertThat(vm.runs()).extracting(RunSummary::question).containsExactly("third", "second", "first");
        assertThat(vm.canUndoProperty().get()).isFalse();
        assertThat(store.count()).isEqualTo(3);
    }

    @Test
    void openPutsMediaPromptsSamplingFramesAndTheAnswerIntoTheWorkbench() {
        store.add(run(modelA, "How many boats?", "Three sailing boats.", 1000));
        vm.refresh();
        vm.selectedProperty().set(vm.runs().get(0));
        vm.open();
        assertThat(wb.media().items()).extracting(i -> i.file().getFileName().toString()).containsExactly("receipt.png", "harbour-clip.mp4");
        assertThat(wb.media().ocrTexts()).containsEntry(image.toAbsolutePath().normalize(), "TOTAL 12.50");
        assertThat(wb.run().modelFolderProperty().get()).isEqualTo(modelA);
        PromptViewModel p = wb.prompts();
        assertThat(p.promptProperty().get()).isEqualTo("How many boats?");
        assertThat(p.systemProperty().get()).isEqualTo("Answer in one line.");
        assertThat(p.greedyProperty().get()).isFalse();
        assertThat(p.temperatureProperty().get()).isEqualTo(0.4);
        assertThat(p.topKProperty().get()).isEqualTo(20);
        assertThat(p.seedProperty().get()).isEqualTo("99");
        assertThat(p.maxTokensProperty().get()).isEqualTo(77);
        assertThat(wb.ledger().maxGridsProperty().get()).isEqualTo(4);
        var video = wb.media().videos().get(0);
        FrameControls.Values f = wb.controls().values(video);
        assertThat(f.useFps()).isTrue();
        assertThat(f.fps()).isEqualTo(2.0);
        assertThat(f.maxFrames()).isEqualTo(12);
        assertThat(f.start()).isEqualTo("1.5");
        assertThat(f.end()).isEqualTo("7");
        assertThat(f.dedupe()).isTrue();
        var chat = wb.run().conversation().exchanges();
        assertThat(chat).extracting(Exchange::question).containsExactly("What is this?", "How many boats?");
        assertThat(chat.get(1).answer()).isEqualTo("Three sailing boats.");
        assertThat(chat.get(1).resultProperty().get().promptTokens()).isEqualTo(900);
        // a follow-up carries the recorded conversation
        assertThat(wb.request().history()).extracting(ChatMessage::content)
                .containsExactly("What is this?", "A harbour.", "How many boats?", "Three sailing boats.");
    }

    @Test
    void rerunSendsTheRecordedRequestAndTheNewRunJoinsTheList() {
        wb.recordRunsIn(store);
        RunRecord r = run(modelA, "How many boats?", "Three sailing boats.", 1000);
        store.add(r);
        vm.refresh();
        vm.selectedProperty().set(vm.runs().get(0));
        vm.rerun();
        AnswerRequest sent = engine.lastRequest;
        assertThat(sent).isNotNull();
        assertThat(sent.prompt()).isEqualTo("How many boats?");
        assertThat(sent.sampling().seed()).isEqualTo(99L);
        assertThat(sent.sampling().temperature()).isEqualTo(0.4);
        assertThat(sent.maxNewTokens()).isEqualTo(77);
        assertThat(sent.images()).containsExactly(new AnswerRequest.Image(image.toAbsolutePath().normalize(), "TOTAL 12.50"));
        FrameSelection.Timestamps times = (FrameSelection.Timestamps) sent.videos().get(0).sampling().selection();
        assertThat(times.seconds()).isEqualTo(r.media().get(1).frames().stream().map(RunRecord.Frame::seconds).toList()).isNotEmpty();
        assertThat(sent.history()).extracting(ChatMessage::content).containsExactly("What is this?", "A harbour.");
        assertThat(vm.runs()).hasSize(2); // the re-run, recorded when it finished, listed on top
        assertThat(vm.runs().get(0).answer()).isEqualTo(FakeEngine.expected(5));
    }

    @Test
    void aRerunOfAChangedFileIsRefusedWithTheFileNamed() throws Exception {
        Path copy = Files.copy(image, dir.resolve("copy.png"));
        RunRecord r = run(modelA, "q", "a", 1000);
        var m = r.media().get(0);
        RunRecord moved = new RunRecord(r.source(), null, r.createdMillis(), r.model(),
                List.of(new RunRecord.Media("image", copy.toString(), m.size(), m.sha256(), List.of(), "")), r.system(), r.history(),
                r.question(), r.sampling(), r.processor(), r.assumptions(), r.ledger(), r.stages(), r.answer(), r.outcome());
        store.add(moved);
        Files.write(copy, new byte[] {1, 2, 3});
        vm.refresh();
        vm.selectedProperty().set(vm.runs().get(0));
        vm.rerun();
        assertThat(engine.lastRequest).isNull();
        assertThat(wb.messages().messages()).anyMatch(x -> x.text().contains("copy.png") && x.text().contains("changed"));
    }

    @Test
    void exportWritesTheSelectedRunAsMarkdownOrTheWholeRecordAsJson() throws Exception {
        long id = store.add(run(modelA, "How many boats?", "Three sailing boats.", 1000));
        vm.refresh();
        vm.selectedProperty().set(vm.runs().get(0));
        assertThat(vm.exportName(HistoryViewModel.Format.MARKDOWN)).isEqualTo("glimpse-run-" + id + ".md");
        Path md = dir.resolve("out/run.md");
        Path json = dir.resolve("out/run.json");
        vm.export(md, HistoryViewModel.Format.MARKDOWN);
        vm.export(json, HistoryViewModel.Format.JSON);
        assertThat(Files.readString(md)).startsWith("# Run " + id + ": How many boats?").contains("## Answer\n\nThree sailing boats.");
        RunRecord back = new com.fasterxml.jackson.databind.ObjectMapper().readValue(Files.readString(json), RunRecord.class);
        assertThat(back).isEqualTo(store.get(id).orElseThrow());
        assertThat(vm.statusProperty().get()).isEqualTo("run " + id + " written to run.json");
    }

    @Test
    void openWaitsForARunningAnswer() {
        store.add(run(modelA, "How many boats?", "Three sailing boats.", 1000));
        vm.refresh();
        vm.selectedProperty().set(vm.runs().get(0));
        wb.prompts().promptProperty().set("typed while it runs");
        wb.run().runningProperty().set(true); // as while an answer streams
        vm.open();
        assertThat(wb.prompts().promptProperty().get()).isEqualTo("typed while it runs");
        assertThat(wb.messages().messages()).anyMatch(m -> m.text().startsWith("stop the answer first"));
        wb.run().runningProperty().set(false);
    }

    @Test
    void eachVideoGetsItsOwnRecordedFrameSettings() {
        AnswerRequest request = new AnswerRequest(null, "Compare the clips", List.of(), List.of(
                new AnswerRequest.Video(video, SamplingRequest.of(new FrameSelection.Fps(0.5, 1, 20))),
                new AnswerRequest.Video(second, SamplingRequest.of(new FrameSelection.Count(5)).withRange(2.0, null))),
                SamplingParams.greedy(), 64, 9);
        AnswerResult result = new AnswerResult("same harbour", FinishReason.STOP, 300, 3, 50, 20, List.of(), null);
        store.add(WindowRuns.record(store, "window", 1000, modelA, null, request, result, null, List.of()));
        vm.refresh();
        vm.selectedProperty().set(vm.runs().get(0));
        vm.open();
        assertThat(wb.media().videos()).hasSize(2);
        FrameControls.Values first = wb.controls().values(wb.media().videos().get(0));
        FrameControls.Values other = wb.controls().values(wb.media().videos().get(1));
        assertThat(first.useFps()).isTrue();
        assertThat(first.fps()).isEqualTo(0.5);
        assertThat(first.maxFrames()).isEqualTo(20);
        assertThat(other.useFps()).isFalse();
        assertThat(other.count()).isEqualTo(5);
        assertThat(other.start()).isEqualTo("2");
        // what the run button would send now is what was sent then
        assertThat(wb.request().videos()).extracting(AnswerRequest.Video::sampling).containsExactly(
                request.videos().get(0).sampling(), request.videos().get(1).sampling());
    }
}
