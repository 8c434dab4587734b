package io.glimpse.inference.importer.hcx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.importer.CheckpointException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** config.json → HcxVisionConfig: the fixture's values, the noted defaults, and each refusal's message. */
class HcxVisionConfigTest {
    static final Path FILE = Path.of("model", "config.json");

    /** The fixture's config.json, editable. */
    static ObjectNode fixtureConfig() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(TinyHcxVision.folder().resolve("config.json").toFile());
    }

    /** The fixture's config with one top-level key changed. */
    static HcxVisionConfig fixtureWith(String key, Object value) throws Exception {
        ObjectNode cfg = fixtureConfig();
        cfg.set(key, new ObjectMapper().valueToTree(value));
        return HcxVisionConfig.from(cfg, FILE);
    }

    static String refusal(ObjectNode config) {
        return assertThatThrownBy(() -> HcxVisionConfig.from(config, FILE)).isInstanceOf(CheckpointException.class)
                .actual().getMessage();
    }

    @Test
    void readsTheFixtureWithoutAssumptions() throws Exception {
        HcxVisionConfig c = HcxVisionConfig.from(fixtureConfig(), FILE);
        assertThat(c.visionHidden()).isEqualTo(32);
        assertThat(c.visionIntermediate()).isEqualTo(64);
        assertThat(c.visionLayers()).isEqualTo(2);
        assertThat(c.visionHeads()).isEqualTo(2);
        assertThat(c.tokens()).isEqualTo(729);
        assertThat(c.layerNormEps()).isEqualTo(1e-6);
        assertThat(c.useNthLayer()).isEqualTo(-2);
        assertThat(c.layersUsed()).isEqualTo(1);
        assertThat(c.projPosEmb()).isTrue();
        assertThat(c.projPrenorm()).isFalse();
        assertThat(c.queriesImage()).isEqualTo(81);
        assertThat(c.queriesVideoSlow()).isEqualTo(81);
        assertThat(c.queriesVideoFast()).isEqualTo(9);
        assertThat(c.textHidden()).isEqualTo(64);
        assertThat(c.textModelType()).isEqualTo("llama");
        assertThat(c.vocabSize()).isEqualTo(512);
        assertThat(c.anyres()).isTrue();
        assertThat(c.unpad()).isTrue();
        assertThat(c.assumptions()).isEmpty();
    }

    @Test
    void useNthLayerCountsHiddenStatesFromTheEmbeddings() throws Exception {
        assertThat(fixtureWith("use_nth_layer", -1).layersUsed()).isEqualTo(2);
        assertThat(fixtureWith("use_nth_layer", -3).layersUsed()).isEqualTo(0);
        assertThat(fixtureWith("use_nth_layer", 0).layersUsed()).isEqualTo(0);
        assertThat(fixtureWith("use_nth_layer", 2).layersUsed()).isEqualTo(2);
    }

    @Test
    void absentFlagsTakeTheSpecDefaultsAndSaySo() throws Exception {
        ObjectNode cfg = fixtureConfig();
        cfg.remove(java.util.List.of("use_nth_layer", "proj_pos_emb", "proj_prenorm", "unpad", "mm_projector_type",
                "num_queries_vis_abstractor_video_fast"));
        HcxVisionConfig c = HcxVisionConfig.from(cfg, FILE);
        assertThat(c.useNthLayer()).isEqualTo(-2);
        assertThat(c.projPosEmb()).isTrue();
        assertThat(c.projPrenorm()).isFalse();
        assertThat(c.unpad()).isFalse();
        assertThat(c.queriesVideoFast()).isEqualTo(9);
        assertThat(c.assumptions()).hasSize(6)
                .anyMatch(a -> a.startsWith("use_nth_layer=-2 assumed") && a.contains("UNCONFIRMED"))
                .anyMatch(a -> a.startsWith("unpad=false assumed"))
                .anyMatch(a -> a.startsWith("mm_projector_type=cabstractor assumed"));
    }

    @Test
    void oldKeySpellingsAreRead() throws Exception {
        ObjectNode cfg = fixtureConfig();
        cfg.set("language_config", cfg.remove("text_config"));
        cfg.set("num_queries_vis_abstractor", cfg.remove("num_queries_vis_abstractor_image"));
        HcxVisionConfig c = HcxVisionConfig.from(cfg, FILE);
        assertThat(c.textHidden()).isEqualTo(64);
        assertThat(c.queriesImage()).isEqualTo(81);
        assertThat(c.assumptions()).isEmpty();
    }

    @Test
    void refusesAnotherProjectorNamingIt() throws Exception {
        ObjectNode cfg = fixtureConfig().put("mm_projector_type", "mlp");
        assertThat(refusal(cfg)).isEqualTo(FILE + ": mm_projector_type 'mlp' is not supported (only 'cabstractor' is implemented)");
    }

    @Test
    void refusesAnotherTextModelNamingIt() throws Exception {
        ObjectNode cfg = fixtureConfig();
        ((ObjectNode) cfg.get("text_config")).put("model_type", "hyperclovax");
        assertThat(refusal(cfg)).isEqualTo(FILE
                + ": text_config.model_type 'hyperclovax' is not supported (only 'llama' language models are imported)");
    }

    @Test
    void refusesAnotherActivationNamingIt() throws Exception {
        ObjectNode cfg = fixtureConfig();
        ((ObjectNode) cfg.get("vision_config")).put("hidden_act", "quick_gelu");
        assertThat(refusal(cfg)).contains("vision_config.hidden_act 'quick_gelu' is not supported");
    }

    @Test
    void refusesAMissingDimensionNamingKeyAndFile() throws Exception {
        ObjectNode cfg = fixtureConfig();
        ((ObjectNode) cfg.get("vision_config")).remove("hidden_size");
        assertThat(refusal(cfg)).isEqualTo(FILE + ": has no vision_config.hidden_size");
    }

    @Test
    void refusesAMissingTextConfig() throws Exception {
        ObjectNode cfg = fixtureConfig();
        cfg.remove("text_config");
        assertThat(refusal(cfg)).isEqualTo(FILE + ": has no text_config");
    }

    @Test
    void refusesALayerChoiceOutsideTheTower() throws Exception {
        ObjectNode cfg = fixtureConfig().put("use_nth_layer", -4);
        assertThat(refusal(cfg)).isEqualTo(FILE + ": use_nth_layer -4 selects no hidden state of a 2-layer tower");
    }

    @Test
    void refusesAQueryCountThatIsNoExactPooling() throws Exception {
        ObjectNode cfg = fixtureConfig().put("num_queries_vis_abstractor_video_fast", 16);
        assertThat(refusal(cfg)).startsWith(FILE + ": num_queries_vis_abstractor_video_fast 16 is not supported");
    }
}
