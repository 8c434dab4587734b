package io.glimpse.app.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.history.HistoryStore;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.media.CancelToken;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs in turn, one load per folder, records, and a cancel within a run and between runs. */
class ExperimentTest {
    @TempDir
    static Path dir;
    static Path model;
    static AskRequest base;

    @BeforeAll
    static void setUp() throws Exception {
        model = dir.resolve("model");
        TestModelWriter.write(model, TestModelWriter.Family.HCX_VISION, 9);
        Path image = dir.resolve("p.png");
        ImageIO.write(new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        base = AskRequest.of("What is it?", new GenerationRequest(6, SamplingParams.greedy(), Set.of(), List.of())).withImage(image, "");
    }

    @Test
    void variantsRunInTurnAndAreRecordedUnderTheGroup() throws Exception {
        List<Point> points = Experiment.compare(model, base, List.of(Variant.parse("grids=1"), Variant.parse("max-tokens=2")));
        try (HistoryStore h = HistoryStore.open(dir.resolve("h.db"))) {
            List<Outcome> out = new Experiment(new RuntimeOptions(false, 0), h, "window").run(points, "compare test", Experiment.Listener.NONE,
                    new CancelToken());
            assertThat(out).extracting(o -> o.point().label()).containsExactly("grids=1", "max-tokens=2");
            assertThat(out).extracting(Outcome::generatedTokens).containsExactly(6, 2);
            assertThat(out.get(0).visualTokens()).isLessThan(out.get(1).visualTokens());
            for (Outcome o : out) {
                var r = h.get(o.recordId()).orElseThrow();
                assertThat(r.groupId()).isEqualTo("compare test");
                assertThat(r.source()).isEqualTo("window");
                assertThat(r.answer()).isEqualTo(o.answer());
            }
        }
    }

    @Test
    void eachModelFolderLoadsOnceAndEachRunNamesItsOwn() throws Exception {
        Path other = dir.resolve("other");
        TestModelWriter.write(other, TestModelWriter.Family.HCX_VISION_PROBE, 1);
        List<Point> points = Experiment.compare(model, base, List.of(Variant.parse("max-tokens=2"),
                Variant.parse("model=" + other + "; max-tokens=4"), Variant.parse("max-tokens=3")));
        try (HistoryStore h = HistoryStore.open(dir.resolve("models.db"))) {
            Experiment e = new Experiment(new RuntimeOptions(false, 0), h, "ask");
            List<Outcome> out = e.run(points, "models", Experiment.Listener.NONE, new CancelToken());
            assertThat(e.loads()).isEqualTo(2);
            assertThat(out).extracting(Outcome::generatedTokens).containsExactly(2, 4, 3);
            assertThat(out.get(1).answer()).startsWith("a"); // the probe model answers "aaaa"
            assertThat(h.get(out.get(1).recordId()).orElseThrow().model().folder()).isEqualTo(other.toString());
            assertThat(h.get(out.get(2).recordId()).orElseThrow().model().folder()).isEqualTo(model.toString());
        }
    }

    @Test
    void aCancelStopsTheRunningPointAndStartsNoOther() throws Exception {
        List<Point> points = Experiment.compare(model, base.withMaxGrids(0),
                List.of(Variant.parse("max-tokens=50"), Variant.parse("max-tokens=3")));
        CancelToken cancel = new CancelToken();
        List<Integer> started = new ArrayList<>();
        List<Outcome> out = new Experiment(new RuntimeOptions(false, 0), null, "ask").run(points, null, new Experiment.Listener() {
            @Override
            public void started(int index, Point p) {
                started.add(index);
            }

            @Override
            public void text(int index, String piece) {
                cancel.cancel();
            }
        }, cancel);
        assertThat(started).containsExactly(0);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).finishReason()).isEqualTo("cancelled");
        assertThat(out.get(0).generatedTokens()).isLessThan(50);
        assertThat(out.get(0).recordId()).isZero();
    }

    @Test
    void aFolderThatWillNotLoadFailsItsPointAndTheRestRun() throws Exception {
        List<Point> points = List.of(Point.of("missing", dir.resolve("nothing"), base), Point.of("ok", model, base));
        List<Outcome> out = new Experiment(new RuntimeOptions(false, 0), null, "ask").run(points, null, Experiment.Listener.NONE,
                new CancelToken());
        assertThat(out.get(0).finishReason()).isEqualTo("error");
        assertThat(out.get(0).error()).contains("not found");
        assertThat(out.get(1).finishReason()).isEqualTo("length");
    }
}
