package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.history.HistoryQuery;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunRecord;
import io.glimpse.app.history.RunSummary;
import io.glimpse.app.ui.FakeEngine;
import io.glimpse.app.ui.TestMedia;
import io.glimpse.app.ui.engine.AnswerEngine;
import io.glimpse.app.ui.engine.AnswerListener;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.media.CancelToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Ask each item": one run per media item in list order, each alone, all recorded in one history group. */
class EachItemTest {
    @TempDir
    Path dir;

    /** Answers with the name of the one medium it got; fails on the second item. */
    static final class NamingEngine implements AnswerEngine {
        final List<AnswerRequest> requests = new ArrayList<>();

        @Override
        public String describe() {
            return "naming";
        }

        @Override
        public boolean acceptsMedia() {
            return true;
        }

        @Override
        public boolean keepsHistory() {
            return true;
        }

        @Override
        public AnswerResult answer(AnswerRequest r, AnswerListener listener, CancelToken cancel) {
            requests.add(r);
            Path only = r.images().isEmpty() ? r.videos().get(0).file() : r.images().get(0).file();
            if (requests.size() == 2) {
                throw new IllegalStateException("cannot decode " + only.getFileName());
            }
            return new AnswerResult("it is " + only.getFileName(), io.glimpse.inference.generate.FinishReason.STOP, 100, 3, 10, 30,
                    List.of(new io.glimpse.app.ui.engine.StageTime("generation", 0, 40)), null);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eachItemIsAskedAloneInListOrderAndAFailureDoesNotStopTheRest() throws Exception {
        Path clip = TestMedia.video(dir, "clip.mp4", 160, 120, 30, 2);
        Path wide = TestMedia.image(dir, "wide.png", 400, 200);
        Path tall = TestMedia.image(dir, "tall.png", 200, 400);
        NamingEngine engine = new NamingEngine();
        WorkbenchViewModel vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(dir.resolve("config")), folder -> engine);
        try (HistoryStore h = HistoryStore.open(dir.resolve("history.db"))) {
            vm.recordRunsIn(h);
            vm.chooseModelFolder(dir);
            vm.media().add(List.of(clip, wide, tall));
            vm.prompts().promptProperty().set("What is it?");
            vm.run().conversation().turns(); // a chat in progress is not sent along
            vm.askEachItem();
            assertThat(vm.eachItem().results()).extracting(EachItemViewModel.ItemResult::item).containsExactly("clip.mp4", "wide.png", "tall.png");
            assertThat(vm.eachItem().results().get(0).answer()).isEqualTo("it is clip.mp4");
            assertThat(vm.eachItem().results().get(1).error()).isEqualTo("cannot decode wide.png");
            assertThat(vm.eachItem().results().get(2).figures()).isEqualTo("stop · 100 prompt tokens · 3 generated · 40 ms");
            assertThat(vm.eachItem().progressProperty().get()).isEqualTo("3 of 3 done");
            assertThat(engine.requests).allSatisfy(r -> {
                assertThat(r.images().size() + r.videos().size()).isEqualTo(1);
                assertThat(r.history()).isEmpty();
                assertThat(r.prompt()).isEqualTo("What is it?");
            });
            List<RunSummary> runs = h.search(HistoryQuery.all(10));
            assertThat(runs).hasSize(3).allSatisfy(s -> assertThat(s.source()).isEqualTo("batch"));
            assertThat(runs).extracting(RunSummary::groupId).containsOnly(runs.get(0).groupId()).first().asString().startsWith("batch ");
            RunRecord failed = h.get(runs.get(1).id()).orElseThrow();
            assertThat(failed.outcome().error()).isEqualTo("cannot decode wide.png");
            assertThat(failed.media()).singleElement().extracting(RunRecord.Media::path).isEqualTo(wide.toAbsolutePath().toString());
        } finally {
            vm.close();
        }
    }

    @Test
    void withoutMediaItSaysWhatIsMissing() {
        WorkbenchViewModel vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(dir.resolve("config")), folder -> new FakeEngine(1, 10));
        vm.chooseModelFolder(dir);
        vm.prompts().promptProperty().set("What is it?");
        vm.askEachItem();
        assertThat(vm.messages().messages().get(0).text()).isEqualTo("the media list is empty: add the images and videos to ask about");
        vm.close();
    }
}
