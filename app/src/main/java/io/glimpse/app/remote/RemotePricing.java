package io.glimpse.app.remote;

import io.glimpse.app.plan.PlanContext;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.media.MediaException;
import io.glimpse.media.image.ImageInfo;
import io.glimpse.media.image.ImageLoader;
import io.glimpse.plugins.ModelFamilies;
import io.glimpse.plugins.ModelFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Glimpse's own prediction of a remote request's prompt tokens, from a local copy of the model
 * folder (exact text counts) or the family's built-in profile (text estimated), and the comparison
 * with the server's {@code usage.prompt_tokens}. Owns the plan context (close it); not thread-safe.
 */
public final class RemotePricing implements AutoCloseable {
    /** The family priced when no folder is given: the model this workbench is built around. */
    public static final String DEFAULT_PROFILE = "hcx-seed-vision-3b";

    private final PlanContext context;
    private final String source;

    private RemotePricing(PlanContext context, String source) {
        this.context = context;
        this.source = source;
    }

    /**
     * @param folder a local copy of the served model's folder, or null for {@link #DEFAULT_PROFILE}
     */
    public static RemotePricing open(Path folder) throws ModelFolderException {
        ModelFamily family = folder == null ? ModelFamilies.byId(DEFAULT_PROFILE).orElseThrow()
                : ModelFamilies.detect(folder).orElseThrow(() -> new ModelFolderException(folder,
                        "no model family recognises this folder, so the request cannot be priced"));
        String source = folder == null ? "the built-in " + DEFAULT_PROFILE + " profile" : "the model folder " + folder;
        return new RemotePricing(PlanContext.open(family, folder), source);
    }

    /** The ledger of exactly what is sent: the images' sizes and each video's delivered frames. */
    public TokenLedger ledger(AnswerRequest request, List<RemoteMedia.Frames> frames) throws MediaException {
        List<LedgerRequest.Image> images = new ArrayList<>();
        for (AnswerRequest.Image i : request.images()) {
            ImageInfo info = ImageLoader.defaults().probeLoadable(i.file());
            images.add(new LedgerRequest.Image(i.file().getFileName().toString(), info.uprightWidth(), info.uprightHeight(), i.ocr()));
        }
        List<LedgerRequest.Video> videos = new ArrayList<>();
        for (RemoteMedia.Frames f : frames) {
            videos.add(new LedgerRequest.Video(f.file().getFileName().toString(), f.jpegBase64().size(), f.durationSeconds()));
        }
        int grids = request.maxGrids() > 0 || context.vision() == null ? Math.max(1, request.maxGrids()) : context.vision().maxGrids();
        return context.ledger(new LedgerRequest(request.system(), request.history(), images, videos, request.prompt(),
                request.maxNewTokens(), context.contextLength(), grids));
    }

    /** Where the prediction comes from, in words. */
    public String source() {
        return source;
    }

    /**
     * The prediction beside the server's count, with the difference and, when they differ, why they can.
     *
     * @param serverPromptTokens the server's usage.prompt_tokens, or -1 when it sent none
     */
    public String compare(TokenLedger ledger, int serverPromptTokens) {
        int predicted = ledger.promptTokens();
        String mine = String.format(Locale.ROOT, "Glimpse's ledger predicted %d prompt tokens (%d visual; %s%s)", predicted,
                ledger.visualTokens(), source, ledger.estimated() ? ", text estimated" : "");
        if (serverPromptTokens < 0) {
            return mine + "; the server reported no usage.prompt_tokens to compare with";
        }
        int diff = serverPromptTokens - predicted;
        String line = String.format(Locale.ROOT, "%s; the server counted %d: difference %+d (%+.1f%%)", mine, serverPromptTokens,
                diff, predicted == 0 ? 0.0 : 100.0 * diff / predicted);
        if (diff == 0) {
            return line;
        }
        List<String> why = new ArrayList<>();
        if (ledger.estimated()) {
            why.add("the text was estimated without a tokenizer (give the model folder to count it exactly)");
        }
        if (ledger.visualTokens() > 0) {
            why.add("the server runs its own processor on the originals (AnyRes grids, unpad, video frame grouping)");
        }
        why.add("its chat template and special tokens may differ from " + source);
        return line + ". Why they can differ: " + String.join("; ", why);
    }

    @Override
    public void close() {
        context.close();
    }
}
