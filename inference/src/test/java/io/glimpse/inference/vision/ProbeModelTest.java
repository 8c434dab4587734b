package io.glimpse.inference.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.hcx.HcxImageProcessor;
import io.glimpse.inference.hcx.HcxVideoProcessor;
import io.glimpse.inference.hcx.HcxVisionSettings;
import io.glimpse.inference.ledger.HcxLedger;
import io.glimpse.inference.ledger.HcxPromptLayout;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.media.RgbImage;
import io.glimpse.media.video.FrameSampler;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SampledFrame;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe test model echoes what it received: the decoder's {@code received_embeds} output is its
 * {@code inputs_embeds}. A text row is [-(id + 1), 0, ...]; a feature row is [tile within its encoder
 * run, query, tile mean, num_queries, 0, ...]; a newline row is [-1000, 0, ...]. So each placeholder
 * position can be checked for the exact feature, in the exact order. One new token keeps the prefill
 * as the decoder's last run.
 */
class ProbeModelTest {
    static final int D = 64;
    static final GenerationRequest ONE_TOKEN = new GenerationRequest(1, SamplingParams.greedy(), Set.of(), List.of());

    @TempDir
    static Path tmp;
    static VisionLanguageModel model;
    static HcxVisionSettings settings;

    @BeforeAll
    static void writeAndOpenTheProbeModel() throws Exception {
        Path folder = tmp.resolve("probe");
        TestModelWriter.write(folder, TestModelWriter.Family.HCX_VISION_PROBE, 0);
        model = VisionLanguageModel.open(folder, RuntimeOptions.cpu());
        settings = HcxVisionSettings.fromModelFolder(folder);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** The prompt ids the pipeline renders for these media (independently of the pipeline's own code path). */
    static int[] promptIds(List<LedgerRequest.Image> images, List<LedgerRequest.Video> videos, String question) {
        LedgerRequest r = new LedgerRequest(null, List.of(), images, videos, question, 1, 8192, 9);
        return model.tokenizer().encode(HcxLedger.render(r, model.processor(), HcxPromptLayout.builtIn()), false);
    }

    /** Checks text rows name their ids and returns the rows at placeholder positions, in order. */
    static List<float[]> placeholderRows(int[] ids) {
        float[] received = model.decoder().copyOutput("received_embeds");
        assertThat(received).hasSize(ids.length * D);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            float[] row = java.util.Arrays.copyOfRange(received, i * D, (i + 1) * D);
            if (ids[i] == 261 || ids[i] == 262) {
                rows.add(row);
            } else {
                assertThat(row[0]).as("text position %d", i).isEqualTo(-(ids[i] + 1f));
            }
            for (int j = 4; j < D; j++) {
                assertThat(row[j]).as("position %d value %d", i, j).isZero();
            }
        }
        return rows;
    }

    static void assertRows(List<float[]> got, List<double[]> expected) {
        assertThat(got).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            double[] e = expected.get(k);
            float[] r = got.get(k);
            assertThat(r[0]).as("row %d tile", k).isEqualTo((float) e[0]);
            assertThat(r[1]).as("row %d query", k).isEqualTo((float) e[1]);
            assertThat((double) r[2]).as("row %d mean", k).isCloseTo(e[2], within(1e-3));
            assertThat(r[3]).as("row %d num_queries", k).isEqualTo((float) e[3]);
        }
    }

    static double[] means(RgbImage image) {
        return VisionTestMedia.tileMeans(HcxImageProcessor.tiles(image, settings), settings);
    }

    @Test
    void oneImageFillsItsPlaceholdersGlobalFirstThenTheUnpaddedMapWithNewlines() throws Exception {
        RgbImage pic = VisionTestMedia.gradient(640, 480, 0);
        Path file = VisionTestMedia.png(tmp, "one.png", pic);
        AskResult result = model.ask(AskRequest.of("What is it?", ONE_TOKEN).withImage(file, ""), AskListener.NONE,
                io.glimpse.media.CancelToken.NONE);

        assertThat(result.text()).isEqualTo("a");
        int[] ids = promptIds(List.of(new LedgerRequest.Image("one.png", 640, 480, "")), List.of(), "What is it?");
        assertThat(result.generation().promptTokens()).isEqualTo(ids.length).isEqualTo(result.ledger().promptTokens());
        // 640x480: 2x2 grids, unpad keeps map rows 2..15 of 18 (hcx-spec.md §5.4 table: 347 tokens)
        List<float[]> rows = placeholderRows(ids);
        assertThat(rows).hasSize(347);
        assertRows(rows, VisionTestMedia.expectedImageRows(means(pic), 2, 2, 2, 14, 0, 18));
    }

    @Test
    void twoImagesFillTheirPlaceholdersInPromptOrder() throws Exception {
        RgbImage wide = VisionTestMedia.gradient(640, 480, 40);
        RgbImage tall = VisionTestMedia.gradient(300, 1134, 90);
        AskRequest request = AskRequest.of("Compare.", ONE_TOKEN)
                .withImage(VisionTestMedia.png(tmp, "wide.png", wide), "OCR text")
                .withImage(VisionTestMedia.png(tmp, "tall.png", tall), "");
        AskResult result = model.ask(request, AskListener.NONE, io.glimpse.media.CancelToken.NONE);

        int[] ids = promptIds(List.of(new LedgerRequest.Image("wide.png", 640, 480, "OCR text"),
                new LedgerRequest.Image("tall.png", 300, 1134, "")), List.of(), "Compare.");
        assertThat(result.generation().promptTokens()).isEqualTo(ids.length);
        List<double[]> expected = new ArrayList<>(VisionTestMedia.expectedImageRows(means(wide), 2, 2, 2, 14, 0, 18));
        // 300x1134: 3x1 grids, unpad keeps map columns 1..7 of 9
        expected.addAll(VisionTestMedia.expectedImageRows(means(tall), 3, 1, 0, 27, 1, 7));
        assertRows(placeholderRows(ids), expected);
    }

    @Test
    void aVideoFillsItsPlaceholdersGridByGridCanvasByCanvasWithSlowAndFastQueries() throws Exception {
        Path file = VisionTestMedia.video(tmp, "clip.mp4", 30);
        SamplingRequest frames = SamplingRequest.of(new FrameSelection.Count(10));
        AskResult result = model.ask(AskRequest.of("What happens?", ONE_TOKEN).withVideo(file).withFrames(frames, 64),
                AskListener.NONE, io.glimpse.media.CancelToken.NONE);

        assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
        List<RgbImage> shrunk = new ArrayList<>();
        for (SampledFrame f : FrameSampler.sampleToList(file, frames)) {
            shrunk.add(f.image());
        }
        List<RgbImage> grids = new ArrayList<>();
        HcxVideoProcessor.canvases(shrunk, settings).forEach(grids::addAll);
        assertThat(grids).hasSize(10);
        double[] means = VisionTestMedia.tileMeans(grids, settings);
        int[] queries = {81, 9, 9, 9, 9, 9, 9, 9, 9, 81}; // canvas 1: 9 frames (first slow), canvas 2: 1 frame
        List<double[]> expected = new ArrayList<>();
        for (int g = 0; g < 10; g++) {
            for (int q = 0; q < queries[g]; q++) {
                expected.add(new double[] {g % 4, q, means[g], queries[g]});
            }
        }
        int[] ids = promptIds(List.of(), List.of(new LedgerRequest.Video("clip.mp4", 10, 0)), "What happens?");
        assertThat(result.generation().promptTokens()).isEqualTo(ids.length);
        assertRows(placeholderRows(ids), expected);
    }

    /** A probe folder with {@code rows} stitching; {@code unpad} as given in config.json. */
    static Path rowsFolder(String name, boolean unpad) throws Exception {
        Path folder = tmp.resolve(name);
        TestModelWriter.write(folder, TestModelWriter.Family.HCX_VISION_PROBE, 0);
        Path glimpse = folder.resolve("glimpse.json");
        java.nio.file.Files.writeString(glimpse, java.nio.file.Files.readString(glimpse)
                .replaceAll("\"stitching\"\\s*:\\s*\"hcx-anyres\"", "\"stitching\" : \"rows\""));
        Path config = folder.resolve("config.json");
        java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config)
                .replaceAll("\"unpad\"\\s*:\\s*true", "\"unpad\" : " + unpad));
        return folder;
    }

    @Test
    void rowsStitchingPutsTheEncoderRowsOneToOneTileAfterTile() throws Exception {
        RgbImage pic = VisionTestMedia.gradient(640, 480, 7);
        Path file = VisionTestMedia.png(tmp, "rows.png", pic);
        try (VisionLanguageModel rows = VisionLanguageModel.open(rowsFolder("rows", false), RuntimeOptions.cpu())) {
            assertThat(rows.vision().stitching()).isEqualTo(VisionSpec.Stitching.ROWS);
            HcxVisionSettings noUnpad = rows.processor().settings();
            assertThat(noUnpad.unpad()).isFalse();
            AskResult result = rows.ask(AskRequest.of("Rows?", ONE_TOKEN).withImage(file, ""), AskListener.NONE,
                    io.glimpse.media.CancelToken.NONE);
            LedgerRequest r = new LedgerRequest(null, List.of(), List.of(new LedgerRequest.Image("rows.png", 640, 480, "")),
                    List.of(), "Rows?", 1, 8192, 9);
            int[] ids = rows.tokenizer().encode(HcxLedger.render(r, rows.processor(), HcxPromptLayout.builtIn()), false);
            assertThat(result.generation().promptTokens()).isEqualTo(ids.length);
            double[] means = VisionTestMedia.tileMeans(HcxImageProcessor.tiles(pic, noUnpad), noUnpad);
            List<double[]> expected = new ArrayList<>();
            for (int tile = 0; tile < 5; tile++) { // 2x2 grids + global, no unpad: 5 x 81 = 405 (§5.4 table)
                for (int q = 0; q < 81; q++) {
                    expected.add(new double[] {tile % 4, q, means[tile], 81});
                }
            }
            float[] received = rows.decoder().copyOutput("received_embeds");
            List<float[]> got = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == 261) {
                    got.add(java.util.Arrays.copyOfRange(received, i * D, (i + 1) * D));
                }
            }
            assertRows(got, expected);
        }
    }

    @Test
    void rowsStitchingWithUnpadOnCannotFillThePlaceholdersAndSaysBothCounts() throws Exception {
        Path file = VisionTestMedia.png(tmp, "mismatch.png", VisionTestMedia.gradient(640, 480, 9));
        try (VisionLanguageModel rows = VisionLanguageModel.open(rowsFolder("rows-unpad", true), RuntimeOptions.cpu())) {
            assertThatThrownBy(() -> rows.ask(AskRequest.of("?", ONE_TOKEN).withImage(file, ""), AskListener.NONE,
                    io.glimpse.media.CancelToken.NONE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the prompt has 347 image placeholder tokens but the image features are 405 rows");
        }
    }
}
