package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.FakeEngine;
import io.glimpse.app.ui.TestMedia;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.service.MediaItem;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.SegmentKind;
import io.glimpse.media.video.FrameSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media list keeps the user's order, can be reordered, and each video keeps its own frame settings. */
class MediaOrderTest {
    @TempDir
    static Path media;
    static Path clipA;
    static Path clipB;
    static Path photo;
    static Path chart;

    @TempDir
    Path config;
    WorkbenchViewModel vm;
    FakeEngine engine = new FakeEngine(5, 10_000);

    @BeforeAll
    static void makeMedia() throws Exception {
        clipA = TestMedia.video(media, "a.mp4", 64, 48, 10, 4);
        clipB = TestMedia.video(media, "b.mp4", 64, 48, 10, 6);
        photo = TestMedia.image(media, "photo.png", 300, 200);
        chart = TestMedia.image(media, "chart.png", 200, 300);
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    private static List<String> names(List<MediaItem> items) {
        return items.stream().map(MediaItem::name).toList();
    }

    private List<String> ledgerMedia() {
        return vm.ledger().ledger().segments().stream().filter(s -> s.kind() == SegmentKind.IMAGE || s.kind() == SegmentKind.VIDEO)
                .map(LedgerSegment::source).toList();
    }

    @Test
    void theListKeepsTheOrderGivenWhateverOrderTheProbesFinishIn() {
        List<Runnable> probes = new ArrayList<>();
        vm = new WorkbenchViewModel(new TaskRunner(probes::add, Runnable::run, () -> { }), new SettingsStore(config), folder -> engine);
        vm.media().add(List.of(clipA, photo, clipB, chart));
        assertThat(probes).hasSize(4);
        for (int i = probes.size() - 1; i >= 0; i--) {
            probes.get(i).run(); // the last file given is probed first
        }
        assertThat(names(vm.media().items())).containsExactly("a.mp4", "photo.png", "b.mp4", "chart.png");
        assertThat(vm.media().selected().name()).isEqualTo("chart.png"); // the first one probed
    }

    @Test
    void itemsMoveUpAndDownAndTheRequestFollowsWithinEachKind() {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), folder -> engine);
        vm.media().add(List.of(photo, chart, clipA, clipB));
        assertThat(vm.media().orderNoteProperty().get()).isNull(); // images already come first
        MediaItem b = vm.media().items().get(3);
        assertThat(vm.media().move(b, -1)).isTrue();
        assertThat(vm.media().move(vm.media().items().get(1), -1)).isTrue(); // chart up
        assertThat(vm.media().move(vm.media().items().get(0), -1)).isFalse(); // already first
        assertThat(names(vm.media().items())).containsExactly("chart.png", "photo.png", "b.mp4", "a.mp4");
        assertThat(vm.media().selected().name()).isEqualTo("chart.png");
        assertThat(ledgerMedia()).containsExactly("chart.png", "photo.png", "b.mp4", "a.mp4");
        vm.chooseModelFolder(config);
        vm.prompts().promptProperty().set("compare");
        vm.runAnswer();
        assertThat(engine.lastRequest.images()).extracting(i -> i.file().getFileName().toString()).containsExactly("chart.png", "photo.png");
        assertThat(engine.lastRequest.videos()).extracting(v -> v.file().getFileName().toString()).containsExactly("b.mp4", "a.mp4");

        vm.media().move(vm.media().items().get(2), -2); // a video before the images: the prompt still puts images first, and says so
        assertThat(names(vm.media().items())).containsExactly("b.mp4", "chart.png", "photo.png", "a.mp4");
        assertThat(vm.media().orderNoteProperty().get()).isEqualTo(MediaListViewModel.IMAGES_FIRST);
        assertThat(ledgerMedia()).containsExactly("chart.png", "photo.png", "b.mp4", "a.mp4");
    }

    @Test
    void eachVideoKeepsItsOwnFrameSettings() {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), folder -> engine);
        vm.media().add(List.of(clipA, clipB));
        MediaItem a = vm.media().items().get(0);
        MediaItem b = vm.media().items().get(1);
        assertThat(vm.strip().videoProperty().get()).isEqualTo(a);
        vm.controls().countProperty().set(4);
        vm.media().selectedProperty().set(b);
        assertThat(vm.strip().videoProperty().get()).isEqualTo(b);
        assertThat(vm.controls().countProperty().get()).isEqualTo(io.glimpse.inference.vision.AskRequest.DEFAULT_FRAMES); // b's own, from when it joined
        vm.controls().useFpsProperty().set(true);
        vm.controls().fpsProperty().set(2.0);
        assertThat(vm.strip().frames()).hasSize(12); // 2 fps × 6 s
        assertThat(vm.ledger().ledger().segments().stream().filter(s -> s.kind() == SegmentKind.VIDEO).map(s -> s.detail().get("frames")))
                .containsExactly(4, 12);
        vm.media().selectedProperty().set(a);
        assertThat(vm.controls().useFpsProperty().get()).isFalse();
        assertThat(vm.controls().countProperty().get()).isEqualTo(4);
        assertThat(vm.strip().frames()).hasSize(4);

        vm.chooseModelFolder(config);
        vm.prompts().promptProperty().set("what happens?");
        vm.runAnswer();
        List<AnswerRequest.Video> sent = engine.lastRequest.videos();
        assertThat(sent.get(0).sampling().selection()).isEqualTo(new FrameSelection.Count(4));
        assertThat(sent.get(1).sampling().selection()).isEqualTo(new FrameSelection.Fps(2.0, 1, 64));
    }
}
