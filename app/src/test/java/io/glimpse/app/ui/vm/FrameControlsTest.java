package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.TestMedia;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frame controls say how many frames are sent and what capped them, not the slider's value. */
class FrameControlsTest {
    @TempDir
    static Path media;
    static Path video;

    @TempDir
    Path config;
    WorkbenchViewModel vm;

    @BeforeAll
    static void makeMedia() throws Exception {
        video = TestMedia.video(media, "forty.mp4", 64, 48, 10, 40); // 400 frames
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    private String sent() {
        return vm.strip().sentProperty().get();
    }

    @Test
    void theSentLabelNamesWhatCappedTheCount() {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), folder -> null);
        vm.media().add(List.of(video));
        assertThat(sent()).isEqualTo(io.glimpse.inference.vision.AskRequest.DEFAULT_FRAMES + " sent"); // the one default of window and command line
        vm.controls().countProperty().set(115); // max frames is 64
        assertThat(sent()).isEqualTo("64 sent (max frames 64; slider at 115)");
        assertThat(vm.strip().frames()).hasSize(64);

        vm.controls().useFpsProperty().set(true); // 1 fps over 30 s: the slider's 115 means nothing now
        vm.controls().endProperty().set("30");
        assertThat(sent()).isEqualTo("30 sent (1 fps × 30 s)");
        assertThat(vm.strip().frames()).hasSize(30);
        vm.controls().endProperty().set("");
        assertThat(sent()).isEqualTo("40 sent (1 fps × 40 s)");
        vm.controls().fpsProperty().set(2.5);
        assertThat(sent()).isEqualTo("64 sent (max frames 64; 2.5 fps × 40 s = 100)");
    }

    @Test
    void theRangeAndTheModelsCapAreNamedToo() {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), folder -> null);
        vm.media().add(List.of(video));
        vm.controls().endProperty().set("1"); // frames 0..10
        vm.controls().countProperty().set(20);
        assertThat(sent()).isEqualTo("11 sent (the range holds only 11)");
        vm.controls().endProperty().set("");
        vm.controls().maxFramesProperty().set(200);
        vm.controls().countProperty().set(120);
        int keeps = vm.vision().video(120).framesUsed(); // the 3B keeps 108 per video
        assertThat(sent()).isEqualTo(keeps + " sent (the model keeps " + keeps + " per video)");
    }

    @Test
    void canvasCountsAreSingularOrPlural() {
        assertThat(PreviewViewModel.canvasCaption(1)).startsWith("1 video canvas: ");
        assertThat(PreviewViewModel.canvasCaption(3)).startsWith("3 video canvases: ");
    }
}
