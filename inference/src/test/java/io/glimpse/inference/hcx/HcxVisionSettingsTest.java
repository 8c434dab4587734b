package io.glimpse.inference.hcx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.hcx.HcxVisionSettings.Resolution;
import io.glimpse.media.resize.ResampleFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HcxVisionSettingsTest {
    @TempDir
    Path dir;

    private void write(String name, String json) throws IOException {
        Files.writeString(dir.resolve(name), json);
    }

    @Test
    void defaultsAreTheDocumentedProfile() {
        HcxVisionSettings s = HcxVisionSettings.defaults();
        assertThat(s.gridSize()).isEqualTo(378);
        assertThat(s.patchSize()).isEqualTo(14);
        assertThat(s.anyres()).isTrue();
        assertThat(s.maxNumGrids()).isEqualTo(9);
        assertThat(s.use1x1Grid()).isTrue();
        assertThat(s.possibleResolutions()).hasSize(23);
        assertThat(s.unpad()).isFalse();
        assertThat(List.of(s.queriesImage(), s.queriesVideoSlow(), s.queriesVideoFast())).containsExactly(81, 81, 9);
        assertThat(s.firstLastFramesSlow()).isFalse();
        assertThat(s.imageMean()).containsExactly(0.5, 0.5, 0.5);
        assertThat(s.imageStd()).containsExactly(0.5, 0.5, 0.5);
        assertThat(s.rescaleFactor()).isEqualTo(1.0 / 255);
        assertThat(s.resample()).isEqualTo(ResampleFilter.BICUBIC);
        assertThat(s.padFill()).containsExactly(127, 127, 127);
        assertThat(s.maxFramesPerCanvas()).isEqualTo(9);
        assertThat(s.maxCanvasesPerVideo()).isEqualTo(12);
        assertThat(s.maxFramesPerVideo()).isEqualTo(108);
        assertThat(List.of(s.imageTokenId(), s.videoTokenId())).containsExactly(100271, 100270);
        assertThat(String.join("\n", s.assumptions()))
                .contains("unpad=false assumed", "UNCONFIRMED", "resample=BICUBIC", "rescale_factor=1/255",
                        "image_token_id=100271", "video_token_id=100270", "108 frames", "one frame = one 378x378 grid",
                        "1836");
    }

    @Test
    void emptyFolderFallsBackWithAnAssumptionPerKey() throws IOException {
        HcxVisionSettings s = HcxVisionSettings.fromModelFolder(dir);
        assertThat(s.possibleResolutions()).isEqualTo(HcxVisionSettings.defaults().possibleResolutions());
        assertThat(s.unpad()).isFalse();
        String all = String.join("\n", s.assumptions());
        assertThat(all).contains("config.json absent", "preprocessor_config.json absent",
                "unpad=false assumed (config.json has no 'unpad', preprocessor_config.json has no 'unpad');"
                        + " the shipped value is UNCONFIRMED",
                "image_token_id=100271 assumed (config.json has no 'image_token_id'/'img_start_id'); INFERRED",
                "possible_resolutions assumed", "rebuilt per spec §5.2");
    }

    @Test
    void newSpellingsAreRead() throws IOException {
        write("config.json", """
                {"text_config": {"vocab_size": 110592}, "num_queries_vis_abstractor_image": 64,
                 "num_queries_vis_abstractor_video_slow": 36, "num_queries_vis_abstractor_video_fast": 4,
                 "image_token_id": 5, "video_token_id": 6, "unpad": true, "anyres": true,
                 "max_num_grids": 4, "use_1x1_grid": false, "first_last_frames_slow": true,
                 "vision_config": {"image_size": 378, "patch_size": 14}}""");
        HcxVisionSettings s = HcxVisionSettings.fromModelFolder(dir);
        assertThat(List.of(s.queriesImage(), s.queriesVideoSlow(), s.queriesVideoFast())).containsExactly(64, 36, 4);
        assertThat(List.of(s.imageTokenId(), s.videoTokenId())).containsExactly(5, 6);
        assertThat(s.unpad()).isTrue();
        assertThat(s.firstLastFramesSlow()).isTrue();
        // max 4 grids without 1x1: 1x2 1x3 1x4 2x1 2x2 3x1 4x1
        assertThat(s.possibleResolutions()).hasSize(7).first().isEqualTo(new Resolution(378, 756));
        assertThat(String.join("\n", s.assumptions())).doesNotContain("unpad=", "image_token_id=");
    }

    @Test
    void oldSpellingsAndPreprocessorConfigAreRead() throws IOException {
        write("config.json", """
                {"language_config": {}, "num_queries_vis_abstractor": 81, "img_start_id": 100009}""");
        write("preprocessor_config.json", """
                {"crop_size": {"height": 378, "width": 378}, "size": {"shortest_edge": 378}, "patch_size": 14,
                 "image_mean": [0.5, 0.5, 0.5], "image_std": [0.25, 0.5, 0.5], "rescale_factor": 0.00392156862745098,
                 "resample": 1, "max_image_cnt": 6, "possible_resolutions": [[378, 378], [378, 756], [756, 378]]}""");
        HcxVisionSettings s = HcxVisionSettings.fromModelFolder(dir);
        assertThat(s.imageTokenId()).isEqualTo(100009);
        assertThat(s.imageStd()).containsExactly(0.25, 0.5, 0.5);
        assertThat(s.resample()).isEqualTo(ResampleFilter.LANCZOS);
        assertThat(s.maxCanvasesPerVideo()).isEqualTo(6);
        assertThat(s.possibleResolutions()).containsExactly(
                new Resolution(378, 378), new Resolution(378, 756), new Resolution(756, 378));
        assertThat(String.join("\n", s.assumptions())).doesNotContain("resample=", "rescale_factor=", "size assumed");
    }

    /** A folder shaped like the shipped one (PPCFG keys of §5.1 + new config.json spellings). */
    @Test
    void shippedLikeFolderAssumesOnlyTheUnknowns() throws IOException {
        StringBuilder res = new StringBuilder();
        for (Resolution r : HcxVisionSettings.rebuildResolutions(9, true, 378)) {
            res.append(res.length() == 0 ? "" : ", ").append(r);
        }
        write("config.json", """
                {"text_config": {}, "vision_config": {"image_size": 378, "patch_size": 14},
                 "num_queries_vis_abstractor_image": 81, "image_token_id": 100271, "video_token_id": 100270,
                 "anyres": true, "max_num_grids": 9, "use_1x1_grid": true}""");
        write("preprocessor_config.json", """
                {"anyres": true, "crop_size": {"height": 378, "width": 378}, "patch_size": 14, "max_num_grids": 9,
                 "max_image_cnt": 12, "num_queries_vis_abstractor": 81, "num_queries_vis_abstractor_video_fast": 9,
                 "num_queries_vis_abstractor_video_slow": 81, "first_last_frames_slow": false,
                 "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "pad_to_square": true,
                 "possible_resolutions": [%s]}""".formatted(res));
        HcxVisionSettings s = HcxVisionSettings.fromModelFolder(dir);
        HcxVisionSettings d = HcxVisionSettings.defaults();
        assertThat(s.possibleResolutions()).isEqualTo(d.possibleResolutions());
        assertThat(s.padFill()).containsExactly(127, 127, 127);
        List<String> missing = s.assumptions().stream().filter(a -> a.contains(" assumed (") && a.contains(" has no ")).toList();
        assertThat(missing).hasSize(4);
        assertThat(String.join("\n", missing)).contains("size assumed", "unpad=false assumed",
                "rescale_factor=0.00392156862745098 assumed", "resample=BICUBIC assumed");
        assertThat(String.join("\n", s.assumptions())).contains("max_image_cnt 12 (108 frames)",
                "one frame = one 378x378 grid", "1856", "sampling rule is UNCONFIRMED");
    }

    @Test
    void inconsistentSettingsAreRefusedNamingKeyAndValue() throws IOException {
        refused("{\"crop_size\": 380}", "crop size 380 is not a multiple of the patch size 14");
        refused("{\"possible_resolutions\": [[378, 400]]}", "possible resolution [378, 400]");
        refused("{\"possible_resolutions\": [[1134, 1512]]}", "needs 12 grids, more than max_num_grids 9");
        refused("{\"num_queries_vis_abstractor\": 80}", "num_queries_vis_abstractor_image 80 is not a positive perfect square");
        refused("{\"resample\": 2}", "preprocessor_config.json resample 2 is not supported");
        refused("{\"crop_size\": {\"height\": 378, \"width\": 756}}", "378x756 is not square");
        refused("{\"size\": {\"shortest_edge\": 400}}", "size 400 differs from the crop size 378");
        refused("{\"image_std\": [0.5, 0, 0.5]}", "image_std [0.5, 0.0, 0.5] must be positive");
        refused("{\"max_num_grids\": \"nine\"}", "max_num_grids \"nine\" is not an integer");
    }

    @Test
    void filesThatDisagreeAreRefused() throws IOException {
        write("config.json", "{\"unpad\": true}");
        write("preprocessor_config.json", "{\"unpad\": false}");
        assertThatThrownBy(() -> HcxVisionSettings.fromModelFolder(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config.json unpad=true disagrees with preprocessor_config.json unpad=false");
    }

    @Test
    void brokenJsonIsAnIOException() throws IOException {
        write("config.json", "{not json");
        assertThatThrownBy(() -> HcxVisionSettings.fromModelFolder(dir))
                .isInstanceOf(IOException.class).hasMessageContaining("config.json is not valid JSON");
    }

    @Test
    void constructorRefusesBadQueries() {
        HcxVisionSettings d = HcxVisionSettings.defaults();
        assertThatThrownBy(() -> new HcxVisionSettings(d.gridSize(), d.patchSize(), true, 9, true, null, false,
                81, 81, 10, false, d.imageMean(), d.imageStd(), d.rescaleFactor(), d.resample(), 1, 2, 9, 12, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("num_queries_vis_abstractor_video_fast 10 is not a positive perfect square");
    }

    private void refused(String preprocessorJson, String message) throws IOException {
        write("preprocessor_config.json", preprocessorJson);
        assertThatThrownBy(() -> HcxVisionSettings.fromModelFolder(dir))
                .as(preprocessorJson).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
