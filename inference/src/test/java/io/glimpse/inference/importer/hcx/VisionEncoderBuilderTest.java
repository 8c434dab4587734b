package io.glimpse.inference.importer.hcx;

import static io.glimpse.inference.importer.hcx.TinyHcxVision.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import io.glimpse.inference.importer.Checkpoint;
import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.LinearWriter;
import io.glimpse.inference.onnx.ExternalData;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The imported vision_encoder against the fixture's float32 references (README: a correct import
 * agrees within 1e-5; each plausible mistake moves the outputs by 1.9e-3 or more).
 */
class VisionEncoderBuilderTest {
    static final double TOLERANCE = 1e-5;

    @TempDir
    static Path dir;
    static Path fixture;
    static Checkpoint checkpoint;
    static HcxVisionConfig config;
    static Path encoder;
    static Path tower;

    @BeforeAll
    static void importGraphs() throws Exception {
        fixture = TinyHcxVision.folder();
        checkpoint = Checkpoint.open(fixture);
        config = HcxVisionConfig.from(checkpoint.config(), fixture.resolve("config.json"));
        encoder = dir.resolve("vision_encoder.onnx");
        try (ExternalData data = ExternalData.create(dir.resolve("vision_encoder.onnx_data"), ExternalData.DEFAULT_THRESHOLD)) {
            new VisionEncoderBuilder(config, checkpoint).externalData(data).build().write(encoder);
        }
        tower = dir.resolve("vision_tower.onnx");
        new VisionEncoderBuilder(config, checkpoint).buildTower().write(tower);
    }

    @AfterAll
    static void close() {
        if (checkpoint != null) {
            checkpoint.close();
        }
    }

    static NpyArray reference(String name) throws Exception {
        return NpyArray.read(fixture.resolve(name));
    }

    static NpyArray encode(Path graph, NpyArray pixels, long... queries) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OnnxTensor px = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels.data()), pixels.shape());
        if (queries.length == 0) {
            return TinyHcxVision.run(graph, Map.of(VisionEncoderBuilder.PIXEL_VALUES, px));
        }
        OnnxTensor nq = OnnxTensor.createTensor(env, LongBuffer.wrap(queries), new long[] {queries.length});
        return TinyHcxVision.run(graph, Map.of(VisionEncoderBuilder.PIXEL_VALUES, px, VisionEncoderBuilder.NUM_QUERIES, nq));
    }

    static long[] repeat(long q, long tiles) {
        long[] out = new long[(int) tiles];
        Arrays.fill(out, q);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cars", "random"})
    void towerGivesTheHiddenStateUseNthLayerSelects(String input) throws Exception {
        NpyArray hidden = encode(tower, reference("pixel_values_" + input + ".npy"));
        NpyArray expected = reference("vision_hidden_" + input + "_tile0.npy");
        assertThat(hidden.shape()).containsExactly(hidden.shape()[0], 729, 32);
        double d = maxAbsDiff(hidden.slice(0), expected.data());
        System.out.printf("vision_hidden_%s_tile0: max |delta| = %.3g%n", input, d);
        assertThat(d).as("max |delta| vs vision_hidden_%s_tile0", input).isLessThan(TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"q81_cars", "q81_random", "q9_cars", "q9_random"})
    void encoderGivesTheProjectorRowsOfEveryTile(String reference) throws Exception {
        String input = reference.substring(reference.indexOf('_') + 1);
        long q = reference.startsWith("q81") ? 81 : 9;
        NpyArray pixels = reference("pixel_values_" + input + ".npy");
        NpyArray expected = reference("projector_" + reference + ".npy");
        NpyArray rows = encode(encoder, pixels, repeat(q, pixels.shape()[0]));
        assertThat(rows.shape()).containsExactly(pixels.shape()[0] * q, 64);
        double d = maxAbsDiff(rows.data(), expected.data());
        System.out.printf("projector_%s: max |delta| = %.3g%n", reference, d);
        assertThat(d).as("max |delta| vs projector_%s", reference).isLessThan(TOLERANCE);
    }

    @Test
    void mixedBatchGivesEachTileItsOwnRowsInTileOrder() throws Exception {
        NpyArray pixels = reference("pixel_values_random.npy");
        NpyArray q81 = reference("projector_q81_random.npy");
        NpyArray q9 = reference("projector_q9_random.npy");

        NpyArray slowFast = encode(encoder, pixels, 81, 9);
        assertThat(slowFast.shape()).containsExactly(90, 64);
        assertThat(maxAbsDiff(Arrays.copyOfRange(slowFast.data(), 0, 81 * 64), q81.slice(0))).isLessThan(TOLERANCE);
        assertThat(maxAbsDiff(Arrays.copyOfRange(slowFast.data(), 81 * 64, 90 * 64), q9.slice(1))).isLessThan(TOLERANCE);
    }

    @Test
    void threeTilesFastSlowFastKeepTheirOrder() throws Exception {
        NpyArray cars = reference("pixel_values_cars.npy");
        NpyArray random = reference("pixel_values_random.npy");
        float[] px = Arrays.copyOf(cars.data(), cars.data().length + random.data().length);
        System.arraycopy(random.data(), 0, px, cars.data().length, random.data().length);
        NpyArray three = new NpyArray(new long[] {3, 3, 378, 378}, px);

        float[] rows = encode(encoder, three, 9, 81, 9).data();
        assertThat(rows).hasSize((9 + 81 + 9) * 64);
        assertThat(maxAbsDiff(Arrays.copyOfRange(rows, 0, 9 * 64), reference("projector_q9_cars.npy").data()))
                .isLessThan(TOLERANCE);
        assertThat(maxAbsDiff(Arrays.copyOfRange(rows, 9 * 64, 90 * 64), reference("projector_q81_random.npy").slice(0)))
                .isLessThan(TOLERANCE);
        assertThat(maxAbsDiff(Arrays.copyOfRange(rows, 90 * 64, 99 * 64), reference("projector_q9_random.npy").slice(1)))
                .isLessThan(TOLERANCE);
    }

    @Test
    void largeWeightsGoToTheExternalDataFile() throws Exception {
        assertThat(Files.size(dir.resolve("vision_encoder.onnx_data"))).isGreaterThan(200_000);
        assertThat(Files.size(encoder)).isLessThan(100_000);
    }

    @Test
    void theOtherLayerChoiceIsDetected() throws Exception {
        HcxVisionConfig lastLayer = HcxVisionConfigTest.fixtureWith("use_nth_layer", -1);
        Path graph = dir.resolve("tower_last.onnx");
        new VisionEncoderBuilder(lastLayer, checkpoint).buildTower().write(graph);
        NpyArray hidden = encode(graph, reference("pixel_values_cars.npy"));
        assertThat(maxAbsDiff(hidden.slice(0), reference("vision_hidden_cars_tile0.npy").data())).isGreaterThan(1e-3);
    }

    @Test
    void float16TowerWeightsStayCloseToTheReference() throws Exception {
        Path graph = dir.resolve("vision_encoder_fp16.onnx");
        new VisionEncoderBuilder(config, checkpoint).towerLinears(LinearWriter.FP16).build().write(graph);
        NpyArray rows = encode(graph, reference("pixel_values_cars.npy"), 81);
        double d = maxAbsDiff(rows.data(), reference("projector_q81_cars.npy").data());
        System.out.printf("projector_q81_cars, fp16 tower: max |delta| = %.3g%n", d);
        assertThat(d).isLessThan(1e-3);
    }

    @Test
    void prenormReadsItsLayerNormWeights() throws Exception {
        HcxVisionConfig prenorm = HcxVisionConfigTest.fixtureWith("proj_prenorm", true);
        assertThatThrownBy(() -> new VisionEncoderBuilder(prenorm, checkpoint).build())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("tensor mm_projector.prenorm.weight is missing from the checkpoint");
    }
}
