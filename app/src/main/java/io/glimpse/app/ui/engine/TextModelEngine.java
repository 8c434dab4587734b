package io.glimpse.app.ui.engine;

import io.glimpse.inference.Model;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.chat.ChatTemplate;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.generate.GenerationResult;
import io.glimpse.inference.generate.PromptTooLongException;
import io.glimpse.inference.generate.Timings;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A text model ({@link Model} + its generator) behind {@link AnswerEngine}: the prompt goes through
 * the model's chat template when it has one (with the system prompt), else as raw text. Refuses
 * images and videos. Owns the model (close it); one answer at a time.
 */
public final class TextModelEngine implements AnswerEngine {
    private final Model model;
    private final Path folder;

    private TextModelEngine(Model model, Path folder) {
        this.model = model;
        this.folder = folder;
    }

    /** @throws ModelFolderException for a folder that is not a complete text model */
    public static TextModelEngine open(Path folder, RuntimeOptions options) throws ModelFolderException {
        return new TextModelEngine(Model.open(folder, options), folder);
    }

    @Override
    public String describe() {
        String note = model.decoder().fallbackReason() == null ? "" : " — " + model.decoder().fallbackReason();
        return folder.getFileName() + " (text model, " + model.decoder().provider() + ")" + note;
    }

    @Override
    public boolean acceptsMedia() {
        return false;
    }

    /** Only through a chat template: raw text has no turns to put earlier questions in. */
    @Override
    public boolean keepsHistory() {
        return model.chatTemplate().isPresent();
    }

    @Override
    public AnswerResult answer(AnswerRequest request, AnswerListener listener, CancelToken cancel) throws Exception {
        if (request.hasMedia()) {
            throw new IllegalArgumentException(folder.getFileName() + " is a text model and takes no images or videos: "
                    + "remove them from the list, or choose a vision model folder");
        }
        String text = request.prompt();
        boolean addSpecial = true;
        ChatTemplate template = model.chatTemplate().orElse(null);
        if (template != null) {
            List<ChatMessage> messages = new ArrayList<>();
            if (request.system() != null && !request.system().isBlank()) {
                messages.add(ChatMessage.system(request.system()));
            }
            messages.addAll(request.history());
            messages.add(ChatMessage.user(text));
            text = template.render(messages, true);
            addSpecial = false; // the template carries every special token itself
        } else if (!request.history().isEmpty()) {
            throw new IllegalArgumentException(folder.getFileName() + " has no chat template, so it cannot take earlier turns: start a new chat");
        } else if (request.system() != null && !request.system().isBlank()) {
            throw new IllegalArgumentException(folder.getFileName() + " has no chat template, so it cannot take a system prompt: clear it");
        }
        GenerationRequest g = new GenerationRequest(request.maxNewTokens(), request.sampling(), model.stopIds(), model.stopStrings());
        listener.onStage("prefill");
        boolean[] first = {true};
        int[] pieces = {0};
        GenerationResult r;
        try {
            r = model.generator().generate(text, addSpecial, g, piece -> {
                if (first[0]) {
                    first[0] = false;
                    listener.onStage("generation");
                }
                listener.onText(piece);
                listener.onProgress("generation", Math.min(1.0, (double) ++pieces[0] / request.maxNewTokens()));
            }, cancel);
        } catch (PromptTooLongException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return new AnswerResult(r.text(), r.finishReason(), r.promptTokens(), r.generatedTokens(),
                r.timings().timeToFirstTokenMs(), r.timings().decodeTokensPerSecond(), stages(r.timings()), r.error());
    }

    /** Tokenize, prefill, then generation, laid end to end as the generator measured them. */
    static List<StageTime> stages(Timings t) {
        List<StageTime> out = new ArrayList<>();
        out.add(new StageTime("tokenize", 0, t.tokenizeMs()));
        out.add(new StageTime("prefill", t.tokenizeMs(), t.prefillMs()));
        double genStart = t.tokenizeMs() + t.prefillMs();
        out.add(new StageTime("generation", genStart, Math.max(0, t.totalMs() - genStart)));
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
