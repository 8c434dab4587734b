package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.await;
import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.view.WorkbenchView;
import io.glimpse.app.ui.vm.StripFrame;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The figure for a 10-minute video: moving the frame-count slider updates the token
 * total (on screen at the next pulse) and the strip (every new frame decoded and shown). Prints
 * the latencies; asserts only a generous sanity bound (timings are not unit-test material).
 */
@ExtendWith(ApplicationExtension.class)
class SliderLatencyTest {
    @TempDir
    static Path media;
    static Path video;
    @TempDir
    Path config;
    WorkbenchViewModel vm;
    WorkbenchView view;
    FxTestSupport.OpenWindow window;
    Stage stage;

    @BeforeAll
    static void makeVideo() throws Exception {
        video = TestMedia.video(media, "ten-minutes.mp4", 160, 96, 10, 600);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = FxTestSupport.OpenWindow.show(stage, config, folder -> {
            throw new IllegalStateException("not used");
        });
        vm = window.vm();
        view = window.view();
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void sliderToTotalAndToStripOnATenMinuteVideo(FxRobot robot) throws Exception {
        fx(() -> {
            vm.controls().countProperty().set(8); // the strip this test measures from (the default is 32)
            view.dropFiles(List.of(video.toFile()));
            return null;
        });
        await("the first strip", 60, () -> vm.strip().frames().size() == 8 && vm.strip().frames().stream().allMatch(StripFrame::decoded));
        Slider slider = robot.lookup("#countSlider").queryAs(Slider.class);
        Label total = robot.lookup("#ledgerTotal").queryAs(Label.class);
        ListView<StripFrame> shown = robot.lookup("#strip").queryListView(); // the view's list: frames on screen
        double worstTotal = 0;
        double worstStrip = 0;
        for (int count : new int[] {16, 32, 12, 24, 64, 8}) {
            long[] marks = new long[3]; // set, total on screen (next pulse), strip complete
            double[] sync = new double[1]; // the listeners' own time: plan, ledger, label text
            String before = fx(total::getText);
            Runnable pulse = () -> {
                if (marks[1] == 0 && marks[0] != 0) {
                    marks[1] = System.nanoTime();
                }
            };
            ListChangeListener<StripFrame> done = c -> {
                if (marks[2] == 0 && shown.getItems().size() == count && shown.getItems().stream().allMatch(StripFrame::decoded)) {
                    marks[2] = System.nanoTime();
                }
            };
            fx(() -> {
                stage.getScene().addPostLayoutPulseListener(pulse);
                shown.getItems().addListener(done);
                marks[0] = System.nanoTime();
                slider.setValue(count);
                sync[0] = (System.nanoTime() - marks[0]) / 1e6;
                return null;
            });
            assertThat(fx(total::getText)).isNotEqualTo(before);
            await(count + " decoded frames", 30, () -> marks[2] != 0 && marks[1] != 0);
            fx(() -> {
                stage.getScene().removePostLayoutPulseListener(pulse);
                shown.getItems().removeListener(done);
                return null;
            });
            double toTotal = (marks[1] - marks[0]) / 1e6;
            double toStrip = (marks[2] - marks[0]) / 1e6;
            System.out.printf(Locale.ROOT, "FIGURE 10-minute video, slider -> %d frames: total computed %.1f ms, on screen %.1f ms, strip complete %.1f ms%n",
                    count, sync[0], toTotal, toStrip);
            worstTotal = Math.max(worstTotal, toTotal);
            worstStrip = Math.max(worstStrip, toStrip);
        }
        System.out.printf(Locale.ROOT, "FIGURE 10-minute video: worst slider->total %.1f ms, worst slider->strip %.1f ms%n", worstTotal, worstStrip);
        assertThat(worstTotal).isLessThan(1000); // sanity bounds only
        assertThat(worstStrip).isLessThan(20_000);
    }
}
