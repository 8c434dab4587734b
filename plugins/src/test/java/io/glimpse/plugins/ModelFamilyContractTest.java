package io.glimpse.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glimpse.inference.chat.BuiltInTemplates;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered {@link ModelFamily} must do, checked for each one found by ServiceLoader. */
class ModelFamilyContractTest {
    @TempDir
    Path tmp;

    static Stream<ModelFamily> families() {
        return ModelFamilies.all().stream();
    }

    @Test
    void theBuiltInFamiliesAreRegistered() {
        assertThat(ModelFamilies.all()).extracting(ModelFamily::id)
                .containsExactly("exaone-3.5", "hcx-seed-text", "hcx-seed-vision-3b", "image-text-to-text", "llama2c");
    }

    @ParameterizedTest
    @MethodSource("families")
    void idIsStableAndUnique(ModelFamily family) {
        assertThat(family.id()).matches("[a-z0-9]+(-[a-z0-9.]+)*");
        assertThat(ModelFamilies.all().stream().filter(f -> f.id().equals(family.id()))).hasSize(1);
        assertThat(family.displayName()).isNotBlank();
        assertThat(family.inputs()).contains(ModelFamily.Modality.TEXT);
    }

    @ParameterizedTest
    @MethodSource("families")
    void anEmptyOrBrokenFolderIsNotRecognisedAndNeverThrows(ModelFamily family) throws Exception {
        assertThat(family.recognise(tmp)).isZero();
        assertThat(family.recognise(tmp.resolve("missing"))).isZero();
        Files.writeString(tmp.resolve("config.json"), "{ broken");
        Files.writeString(tmp.resolve("tokenizer_config.json"), "[1, 2");
        assertThatCode(() -> family.recognise(tmp)).doesNotThrowAnyException();
        assertThat(family.recognise(tmp)).isZero();
    }

    @ParameterizedTest
    @MethodSource("families")
    void aNamedChatTemplateIsBuiltIn(ModelFamily family) {
        family.builtInChatTemplate().ifPresent(name -> assertThat(BuiltInTemplates.named(name)).as(name).isPresent());
    }

    static Path fixture(String name) {
        Path p = Path.of(System.getProperty("glimpse.repoRoot", "."), "..", "shared", "fixtures", name).normalize();
        assumeTrue(Files.exists(p), "fixture " + p + " absent; skipped");
        return p;
    }

    @Test
    void theFixtureFoldersAreRecognisedAsTheirFamilies() {
        assertThat(ModelFamilies.detect(fixture("llama2c"))).map(ModelFamily::id).contains("llama2c");
        assertThat(ModelFamilies.detect(fixture("hyperclovax-seed-text-0.5b"))).map(ModelFamily::id).contains("hcx-seed-text");
        assertThat(ModelFamilies.detect(fixture("exaone-3.5-tokenizer"))).map(ModelFamily::id).contains("exaone-3.5");
        assertThat(ModelFamilies.detect(fixture("ort-genai/tiny-random-gpt2-fp32"))).isEmpty();
    }

    @Test
    void aTransformersJsImageTextToTextFolderIsThatFamilyAndNoOther() throws Exception {
        Path generic = tmp.resolve("generic");
        TestModelWriter.write(generic, TestModelWriter.Family.GENERIC, 1);
        assertThat(ModelFamilies.detect(generic)).map(ModelFamily::id).contains("image-text-to-text");
        assertThat(ModelFamilies.all().stream().filter(f -> f.recognise(generic) > 0)).extracting(ModelFamily::id)
                .containsExactly("image-text-to-text");
        Path hcx = tmp.resolve("hcx");
        TestModelWriter.write(hcx, TestModelWriter.Family.HCX_VISION, 1); // glimpse.json: not the optimum reader's
        assertThat(ModelFamilies.byId("image-text-to-text").orElseThrow().recognise(hcx)).isZero();
    }

    @Test
    void aVisionConfigWithEitherKeySpellingIsHcxVision() throws Exception {
        Files.copy(fixture("hyperclovax-seed-text-0.5b").resolve("tokenizer_config.json"), tmp.resolve("tokenizer_config.json"));
        for (String textKey : new String[] {"text_config", "language_config"}) {
            Files.writeString(tmp.resolve("config.json"), "{\"" + textKey + "\": {}, \"vision_config\": {}}");
            assertThat(ModelFamilies.detect(tmp)).map(ModelFamily::id).as(textKey).contains("hcx-seed-vision-3b");
        }
    }
}
