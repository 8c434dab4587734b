package io.glimpse.inference.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter.Family;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import io.glimpse.media.video.SyntheticVideo;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written folders run through the project's vision pipeline (VisionLanguageModel.ask). */
class VisionPipelineTest {
    static final int D = 64;

    @TempDir
    static Path dir;
    static Path white;

    @BeforeAll
    static void image() throws Exception {
        BufferedImage img = new BufferedImage(378, 378, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 378, 378);
        g.dispose();
        white = dir.resolve("white.png");
        ImageIO.write(img, "png", white.toFile());
    }

    static AskRequest ask(int tokens) {
        return AskRequest.of("what is this?", new GenerationRequest(tokens, SamplingParams.greedy(), Set.of(), List.of()))
                .withImage(white, "");
    }

    /**
     * One 378×378 image = global tile + one local tile: 81 global rows, then the 9×9 local map with
     * a newline row after each of its 9 rows (unpad on), 171 rows in all, where the placeholders were.
     */
    @Test
    void probeModelReceivesGlobalRowsThenTheLocalMapWithNewlines() throws Exception {
        Path folder = dir.resolve("probe");
        TestModelWriter.write(folder, Family.HCX_VISION_PROBE, 0);
        try (VisionLanguageModel m = VisionLanguageModel.open(folder, RuntimeOptions.cpu())) {
            AskResult r = m.ask(ask(1), new AskListener() { }, CancelToken.NONE);
            assertThat(r.text()).isEqualTo("a");
            float[] rows = m.decoder().copyOutput("received_embeds"); // the prefill: one row per prompt position
            int n = rows.length / D;
            List<Integer> textIds = new ArrayList<>();
            int first = -1;
            for (int i = 0; i < n; i++) {
                float c0 = rows[i * D];
                boolean image = rows[i * D + 3] == 81 || c0 == -1000;
                if (image) {
                    first = first < 0 ? i : first;
                } else {
                    textIds.add(Math.round(-c0) - 1);
                }
            }
            assertThat(n - textIds.size()).isEqualTo(171);
            int at = first;
            for (int q = 0; q < 81; q++, at++) {
                assertThat(rows[at * D]).isZero();
                assertThat(rows[at * D + 1]).isEqualTo(q);
                assertThat((double) rows[at * D + 2]).isCloseTo(1.0, within(1e-5));
            }
            for (int row = 0; row < 9; row++) {
                for (int col = 0; col < 9; col++, at++) {
                    assertThat(rows[at * D]).as("local row %d col %d tile", row, col).isEqualTo(1);
                    assertThat(rows[at * D + 1]).as("local row %d col %d query", row, col).isEqualTo(row * 9 + col);
                }
                assertThat(rows[at * D]).as("newline after row %d", row).isEqualTo(-1000f);
                at++;
            }
            String text = m.tokenizer().decode(textIds.stream().mapToInt(Integer::intValue).toArray(), false);
            assertThat(text).contains("what is this?").startsWith("<|im_start|>").endsWith("assistant\n");
        }
    }

    /**
     * Ten frames = two canvases (9 frames, then 1): per canvas the first grid is slow (81 rows), the
     * others fast (9 rows): the encoder got num_queries 81/9 per grid and the rows arrive in order.
     */
    @Test
    void probeModelReceivesSlowAndFastVideoGrids() throws Exception {
        Path folder = dir.resolve("probe-video");
        TestModelWriter.write(folder, Family.HCX_VISION_PROBE, 0);
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.write(video, SyntheticVideo.Spec.of(320, 240, 10, 20), CancelToken.NONE, ProgressListener.NONE);
        AskRequest req = AskRequest.of("what happens?", new GenerationRequest(1, SamplingParams.greedy(), Set.of(), List.of()))
                .withVideo(video).withFrames(SamplingRequest.of(new FrameSelection.Count(10)), 10);
        try (VisionLanguageModel m = VisionLanguageModel.open(folder, RuntimeOptions.cpu())) {
            assertThat(m.ask(req, new AskListener() { }, CancelToken.NONE).text()).isEqualTo("a");
            float[] rows = m.decoder().copyOutput("received_embeds");
            List<Integer> queries = new ArrayList<>();
            List<Integer> queryIndex = new ArrayList<>();
            for (int i = 0; i < rows.length / D; i++) {
                if (rows[i * D] >= 0) { // a visual row: text rows start with -(id + 1)
                    queries.add((int) rows[i * D + 3]);
                    queryIndex.add((int) rows[i * D + 1]);
                    assertThat(rows[i * D]).isLessThan(4); // tile index within one encoder call (max_tiles_per_run 4)
                }
            }
            List<Integer> expected = new ArrayList<>();
            List<Integer> expectedIndex = new ArrayList<>();
            int[] grids = {81, 9, 9, 9, 9, 9, 9, 9, 9, 81};
            for (int q : grids) {
                for (int k = 0; k < q; k++) {
                    expected.add(q);
                    expectedIndex.add(k);
                }
            }
            assertThat(queries).hasSize(81 + 8 * 9 + 81).isEqualTo(expected);
            assertThat(queryIndex).isEqualTo(expectedIndex);
        }
    }

    @Test
    void randomModelAnswersTheSameGibberishTwice() throws Exception {
        Path folder = dir.resolve("random");
        TestModelWriter.write(folder, Family.HCX_VISION, 11);
        try (VisionLanguageModel m = VisionLanguageModel.open(folder, RuntimeOptions.cpu())) {
            AskResult a = m.ask(ask(8), new AskListener() { }, CancelToken.NONE);
            AskResult b = m.ask(ask(8), new AskListener() { }, CancelToken.NONE);
            assertThat(a.generation().tokenIds()).isNotEmpty().isEqualTo(b.generation().tokenIds());
            assertThat(a.text()).isEqualTo(b.text());
            assertThat(java.util.Arrays.stream(a.generation().tokenIds()).allMatch(id -> id >= 0 && id < 264)).isTrue();
        }
    }
}
