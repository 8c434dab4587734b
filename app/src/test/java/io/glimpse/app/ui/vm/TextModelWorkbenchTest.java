package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glimpse.app.ui.TestMedia;
import io.glimpse.app.ui.engine.EngineFactory;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.SegmentKind;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench on real text models, without any toolkit: the ledger is planned with the folder's
 * own tokenizer and chat template, and Run (TextModelEngine) sends exactly the prompt it counted.
 */
class TextModelWorkbenchTest {
    /** A plain-text chat template, so the llama2.c tokenizer (no special tokens) can run it. */
    static final String TEMPLATE = "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\\n{% endfor %}"
            + "{% if add_generation_prompt %}assistant:{% endif %}";

    @TempDir
    static Path dir;
    static Path llama2c;
    static Path chat;

    @TempDir
    Path config;
    WorkbenchViewModel vm;

    @BeforeAll
    static void folders() throws Exception {
        llama2c = Path.of(System.getProperty("glimpse.repoRoot", "."), "..", "shared", "fixtures", "llama2c").normalize();
        assumeTrue(Files.isDirectory(llama2c), "fixture " + llama2c + " absent; skipped");
        chat = Files.createDirectory(dir.resolve("stories-chat")); // the real stories260K, plus a chat_template
        for (String f : List.of("config.json", "genai_config.json", "stories260K.onnx", "tok512.bin")) {
            Files.createSymbolicLink(chat.resolve(f), llama2c.resolve(f));
        }
        Files.writeString(chat.resolve("tokenizer_config.json"), "{\"chat_template\": \"" + TEMPLATE + "\"}");
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    private WorkbenchViewModel open(Path folder) {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), EngineFactory.builtIn());
        vm.chooseModelFolder(folder);
        vm.prompts().maxTokensProperty().set(3);
        return vm;
    }

    private static List<SegmentKind> kinds(TokenLedger l) {
        return l.segments().stream().map(LedgerSegment::kind).toList();
    }

    @Test
    void withoutTemplateTheRawPromptIsCountedAndRun() {
        open(llama2c);
        assertThat(vm.planNoteProperty().get()).isEqualTo("llama2.c (TinyStories) (text model) from " + llama2c
                + "; no chat template: the prompt is the raw question, with the tokenizer's BOS"
                + "; text counted with the model folder's tokenizer, as the text engine tokenizes the prompt");
        assertThat(vm.vision()).isNull();
        vm.prompts().promptProperty().set("Once upon a time");
        TokenLedger predicted = vm.ledger().ledger();
        assertThat(kinds(predicted)).containsExactly(SegmentKind.TEXT, SegmentKind.OUTPUT_RESERVE);
        assertThat(predicted.promptTokens()).isEqualTo(5); // BOS 1 + 403, 407, 261, 378
        assertThat(predicted.contextLength()).isEqualTo(512);
        vm.runAnswer();
        var r = vm.run().resultProperty().get();
        assertThat(r.error()).isNull();
        assertThat(r.promptTokens()).isEqualTo(predicted.promptTokens());
    }

    @Test
    void theFoldersTemplateIsCountedExactlyAndRunTurnAfterTurn() throws Exception {
        open(chat);
        assertThat(vm.planNoteProperty().get()).startsWith("llama2.c (TinyStories) (text model) from " + chat
                + "; chat template: the model folder's own chat_template (tokenizer_config.json)");
        vm.prompts().systemProperty().set("Be brief.");
        vm.prompts().promptProperty().set("Once upon a time");
        TokenLedger first = vm.ledger().ledger();
        assertThat(kinds(first)).containsExactly(SegmentKind.SYSTEM, SegmentKind.TEXT, SegmentKind.GENERATION_PROMPT,
                SegmentKind.OUTPUT_RESERVE);
        try (Tokenizer tok = Tokenizers.open(llama2c)) {
            String rendered = "system: Be brief.\nuser: Once upon a time\nassistant:";
            assertThat(first.promptTokens()).isEqualTo(tok.encode(rendered, false).length);
            assertThat(first.segments().get(0).tokens()).isEqualTo(tok.encode("system: Be brief.\n", false).length);
        }
        vm.runAnswer();
        var r1 = vm.run().resultProperty().get();
        assertThat(r1.error()).isNull();
        assertThat(r1.promptTokens()).isEqualTo(first.promptTokens());

        assertThat(vm.run().conversation().turns()).hasSize(2); // the answer became history: the ledger counts it
        vm.prompts().promptProperty().set("And then?");
        TokenLedger second = vm.ledger().ledger();
        assertThat(kinds(second)).containsExactly(SegmentKind.SYSTEM, SegmentKind.HISTORY, SegmentKind.HISTORY, SegmentKind.TEXT,
                SegmentKind.GENERATION_PROMPT, SegmentKind.OUTPUT_RESERVE);
        vm.runAnswer();
        var r2 = vm.run().resultProperty().get();
        assertThat(r2.error()).isNull();
        assertThat(r2.promptTokens()).isEqualTo(second.promptTokens()).isGreaterThan(first.promptTokens());
    }

    @Test
    void mediaIsRefusedWhileATextModelIsChosen() throws Exception {
        open(chat);
        vm.prompts().promptProperty().set("Hi");
        int textOnly = vm.ledger().ledger().promptTokens();
        vm.media().add(List.of(TestMedia.image(dir, "red.png", 40, 30)));
        assertThat(vm.ledger().errorProperty().get()).isEqualTo(LedgerViewModel.TEXT_ONLY);
        assertThat(vm.ledger().ledger().promptTokens()).isEqualTo(textOnly); // the last ledger stays
        vm.runAnswer();
        assertThat(vm.messages().messages()).extracting(MessagesViewModel.Message::text)
                .contains("stories-chat is a text model and takes no images or videos: remove them from the list, or choose a vision model folder");
    }

    @Test
    void hcxTextFolderNamesItsTemplateAndEstimatesWithoutTokenizer() {
        Path hcx = llama2c.resolveSibling("hyperclovax-seed-text-0.5b");
        assumeTrue(Files.isDirectory(hcx));
        open(hcx);
        assertThat(vm.planNoteProperty().get()).isEqualTo("HyperCLOVAX-SEED-Text-Instruct (text model) from " + hcx
                + "; chat template: the model folder's own chat_template (tokenizer_config.json)"
                + "; text counts estimated: no tokenizer in the model folder");
        vm.prompts().promptProperty().set("Hi");
        assertThat(vm.ledger().ledger().estimated()).isTrue();
        assertThat(vm.ledger().ledger().contextLength()).isEqualTo(8192);
    }
}
