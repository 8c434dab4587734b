package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code glimpse plan} with a text profile prints the chat template's ledger. EXAONE counts were
 * computed independently with a plain Python GPT-2 BPE over the fixture's vocab.json / merges.txt.
 */
class TextPlanCommandTest {
    private static Path fixture(String name) {
        Path dir = Path.of(System.getProperty("glimpse.repoRoot", "."), "..", "shared", "fixtures", name).normalize();
        assumeTrue(Files.isDirectory(dir), "fixture " + dir + " absent; skipped");
        return dir;
    }

    @Test
    void exaoneFolderIsPlannedWithItsOwnTemplateAndTokenizer() throws Exception {
        Run r = CommandLineTest.glimpse("plan", "--profile", "exaone-3.5", "--model", fixture("exaone-3.5-tokenizer").toString(),
                "--system", "You are helpful.", "--prompt", "What is 2+2?", "--reserve", "100", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        // [|system|]You are helpful.[|endofturn|]\n = 11, [|user|]What is 2+2?\n = 13, [|assistant|] = 6
        assertThat(n.get("segments").findValuesAsText("kind")).containsExactly("system", "text", "generation_prompt", "output_reserve");
        assertThat(n.get("segments").findValuesAsText("tokens")).containsExactly("11", "13", "6", "100");
        assertThat(n.get("promptTokens").asInt()).isEqualTo(30);
        assertThat(n.get("visualTokens").asInt()).isZero();
        assertThat(n.get("estimated").asBoolean()).isFalse();
        assertThat(n.get("contextLength").asInt()).isEqualTo(4096);
        assertThat(n.get("fits").asBoolean()).isTrue();
        assertThat(n.get("assumptions").toString()).contains("context length 4096 assumed (the model folder does not say)",
                "chat template: the model folder's own chat_template (tokenizer_config.json)",
                "text counted with the model folder's tokenizer");
    }

    @Test
    void withoutSystemTheTemplatesEmptySystemBlockCountsWithTheQuestion() throws Exception {
        Run r = CommandLineTest.glimpse("plan", "--profile", "exaone-3.5", "--model", fixture("exaone-3.5-tokenizer").toString(),
                "--prompt", "Hi", "--reserve", "0", "--context", "19");
        assertThat(r.code()).as(r.err()).isZero();
        // [|system|][|endofturn|]\n (7) + [|user|]Hi\n (7); then [|assistant|] (6)
        assertThat(r.out()).contains("text               question (with the turn's wrapper)       14\n",
                "generation_prompt  assistant opening                       6\n",
                "prompt + output reserve                                   20 of 19: over by 1\n");
    }

    @Test
    void llama2cHasNoTemplateSoTheLedgerIsTheRawPromptWithBos() throws Exception {
        Run r = CommandLineTest.glimpse("plan", "--model", fixture("llama2c").toString(), "--prompt", "Once upon a time", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("promptTokens").asInt()).isEqualTo(5); // BOS 1 + 403, 407, 261, 378
        assertThat(n.get("segments").get(0).get("detail").get("special").asInt()).isEqualTo(1);
        assertThat(n.get("contextLength").asInt()).isEqualTo(512);
        assertThat(n.get("warnings").get(0).asText()).isEqualTo("no chat template: the prompt is the raw question (with the tokenizer's BOS)");
    }

    @Test
    void hcxTextFolderWithoutTokenizerIsEstimatedWithItsChatMlTemplate() throws Exception {
        Run r = CommandLineTest.glimpse("plan", "--profile", "hcx-seed-text", "--model", fixture("hyperclovax-seed-text-0.5b").toString(),
                "--prompt", "Hi", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("estimated").asBoolean()).isTrue();
        assertThat(n.get("contextLength").asInt()).isEqualTo(8192); // config.json max_position_embeddings
        // estimated: <|im_start|> user \n Hi <|im_end|> \n = 6; <|im_start|> assistant(9 chars: 3) \n = 5
        assertThat(n.get("segments").findValuesAsText("tokens")).containsExactly("6", "5", "512");
        assertThat(n.get("assumptions").toString()).contains("text counts estimated: no tokenizer in the model folder");
    }

    @Test
    void mediaWithATextProfileIsAUsageErrorNamingTheProfile() {
        Run r = CommandLineTest.glimpse("plan", "--profile", "hcx-seed-text", "--image", "a.jpg", "--prompt", "Hi");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("glimpse: hcx-seed-text is a text model and takes no images or videos: "
                + "--image only work with a vision profile (see glimpse profiles)");
    }
}
