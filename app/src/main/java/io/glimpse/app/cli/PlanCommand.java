package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.app.plan.PlanContext;
import io.glimpse.app.plan.PromptText;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.ledger.BudgetSolver;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.media.MediaException;
import io.glimpse.media.image.ImageInfo;
import io.glimpse.media.image.ImageLoader;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingPlan;
import io.glimpse.media.video.SamplingRequest;
import io.glimpse.media.video.VideoInfo;
import io.glimpse.media.video.VideoProbe;
import io.glimpse.plugins.ModelFamilies;
import io.glimpse.plugins.ModelFamily;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show what a request costs in tokens, part by part, before anything runs (no model weights needed).",
                "Text is counted with the model's tokenizer when --model has one, else estimated (visual counts are exact)."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "ID", description = "model family, e.g. hcx-seed-vision-3b (see glimpse profiles); "
            + "default: the family that recognises --model")
    String profile;

    @Option(names = "--model", paramLabel = "DIR", description = "model folder: its config files override the profile's defaults")
    Path model;

    @Option(names = "--image", paramLabel = "FILE", description = "an image (repeatable)")
    List<Path> images = new ArrayList<>();

    @Option(names = "--ocr", paramLabel = "TEXT", description = "text an OCR found in an image (repeatable: the n-th goes with the n-th --image); "
            + "'auto' reads it with the built-in OCR, and a single --ocr auto reads every image")
    List<String> ocr = new ArrayList<>();

    @Option(names = "--ocr-model", paramLabel = "DIR", description = "recognition model + dictionary folder for --ocr auto (see glimpse ocr)")
    Path ocrModel;

    @Option(names = "--video", paramLabel = "FILE", description = "a video (repeatable)")
    List<Path> videos = new ArrayList<>();

    @Option(names = "--system", paramLabel = "TEXT")
    String system;

    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = "")
    String prompt;

    @Option(names = "--count", paramLabel = "N", description = "frames per video, spread evenly (default: " + AskRequest.DEFAULT_FRAMES + ")")
    Integer count;

    @Option(names = "--fps", paramLabel = "F", description = "frames per second of video instead of --count")
    Double fps;

    @Option(names = "--max-frames", paramLabel = "N", description = "upper bound of frames per video")
    Integer maxFrames;

    @Option(names = "--max-grids", paramLabel = "G", description = "grid limit per image (default: the model's)")
    Integer maxGrids;

    @Option(names = "--budget", paramLabel = "N", description = "fit the request into N tokens: frames first, then resolution")
    Integer budget;

    @Option(names = "--budget-scope", paramLabel = "visual|prompt", defaultValue = "visual", description = "what the budget covers (default: ${DEFAULT-VALUE})")
    String budgetScope;

    @Option(names = "--reserve", paramLabel = "N", defaultValue = "512", description = "tokens kept for the answer (default: ${DEFAULT-VALUE})")
    int reserve;

    @Option(names = "--context", paramLabel = "N", description = "context length (default: the model's, else the profile's)")
    Integer context;

    @Option(names = "--dump-tiles", paramLabel = "DIR", description = "write what the model sees: image tiles and video canvases as PNGs")
    Path dumpTiles;

    @Option(names = "--show-prompt", description = "also print the prompt as the model sees it: the exact text, "
            + "each run of a placeholder shown as TOKEN ×N, and its token count (JSON: prompt)")
    boolean showPrompt;

    @Option(names = "--json", description = "print one JSON object (fields in docs/cli.md)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (profile == null) {
            if (model == null) {
                throw new Main.UsageException("give --profile, or a --model folder whose family Glimpse recognises");
            }
            profile = ModelFamilies.detect(model).map(ModelFamily::id).orElseThrow(() -> new Main.UsageException(
                    "no family recognises the model folder " + model + "; give --profile (see glimpse profiles)"));
        }
        ModelFamily family = ModelFamilies.byId(profile).orElseThrow(() -> new Main.UsageException("unknown profile '" + profile
                + "'; built in are " + ModelFamilies.all().stream().map(ModelFamily::id).toList()));
        try (PlanContext ctx = openPlan(family)) {
            return run(ctx);
        }
    }

    private PlanContext openPlan(ModelFamily family) throws ModelFolderException {
        try {
            return PlanContext.open(family, model);
        } catch (PlanContext.NoVisionException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    private int run(PlanContext ctx) throws Exception {
        if (ctx.textOnly()) {
            return runText(ctx);
        }
        VisionProcessor vision = ctx.vision();
        if (images.size() > vision.maxImages()) {
            throw new Main.UsageException(images.size() + " images, but " + profile + " accepts at most " + vision.maxImages());
        }
        for (String placeholder : vision.placeholderTexts()) {
            if (prompt.contains(placeholder) && images.isEmpty() && videos.isEmpty()) {
                throw new Main.UsageException("the prompt contains the placeholder " + placeholder
                        + " but no --image or --video is given; Glimpse places media itself, drop it from the text");
            }
        }
        if (!videos.isEmpty()) {
            try {
                vision.video(1); // a processor without video refuses here, before any video is probed
            } catch (IllegalArgumentException e) {
                throw new Main.UsageException(e.getMessage());
            }
        }
        int grids = maxGrids == null ? vision.maxGrids() : maxGrids;
        if (grids < 1 || grids > vision.maxGrids()) {
            throw new Main.UsageException("--max-grids must be between 1 and " + vision.maxGrids() + ", got " + grids);
        }
        int contextLength = context != null ? context : ctx.contextLength();
        List<String> notes = notes(ctx);
        if (ocr.size() > images.size()) {
            throw new Main.UsageException(ocr.size() + " --ocr texts for " + images.size() + " images: give at most one per --image");
        }
        List<LedgerRequest.Image> imageInputs = new ArrayList<>();
        for (Path f : images) {
            ImageInfo info = ImageLoader.defaults().probeLoadable(f); // refuses what ask would refuse
            imageInputs.add(new LedgerRequest.Image(f.getFileName().toString(), info.uprightWidth(), info.uprightHeight(), ""));
        }
        List<String> ocrTexts = OcrCommand.Hints.texts(images, ocr, ocrModel, new io.glimpse.inference.model.RuntimeOptions(false, 0),
                spec.commandLine().getErr(), io.glimpse.media.CancelToken.NONE);
        for (int i = 0; i < imageInputs.size(); i++) {
            LedgerRequest.Image in = imageInputs.get(i);
            imageInputs.set(i, new LedgerRequest.Image(in.name(), in.width(), in.height(), ocrTexts.get(i)));
        }
        List<LedgerRequest.Video> videoInputs = new ArrayList<>();
        List<SamplingPlan> plans = new ArrayList<>();
        for (Path f : videos) {
            VideoInfo info = VideoProbe.probe(f);
            SamplingPlan plan;
            try {
                plan = SamplingPlan.of(info, SamplingRequest.of(selection()));
            } catch (IllegalArgumentException e) {
                throw new MediaException(f, e.getMessage());
            }
            plans.add(plan);
            videoInputs.add(new LedgerRequest.Video(f.getFileName().toString(), plan.indices().size(), plan.endSeconds() - plan.startSeconds()));
        }
        LedgerRequest request = new LedgerRequest(system, List.of(), imageInputs, videoInputs, prompt, reserve, contextLength, grids);
        {
            java.util.function.Function<LedgerRequest, TokenLedger> ledgerOf = ctx.ledgerFunction();
            TokenLedger ledger;
            BudgetSolver.Plan solved = null;
            if (budget != null) {
                BudgetSolver.Scope scope = switch (budgetScope) {
                    case "visual" -> BudgetSolver.Scope.VISUAL;
                    case "prompt" -> BudgetSolver.Scope.PROMPT;
                    default -> throw new Main.UsageException("--budget-scope must be visual or prompt, got '" + budgetScope + "'");
                };
                try {
                    solved = BudgetSolver.solve(request, budget, scope, vision, ledgerOf);
                } catch (IllegalArgumentException e) {
                    throw new Main.UsageException(e.getMessage());
                }
                ledger = solved.chosen().ledger();
            } else {
                ledger = ledgerOf.apply(request);
            }
            if (dumpTiles != null) {
                int g = solved != null ? solved.chosen().maxGrids() : grids;
                WhatTheModelSees.dump(dumpTiles, vision, images, g, videos, plans, spec.commandLine().getErr());
            }
            PrintWriter out = spec.commandLine().getOut();
            PromptText shown = showPrompt ? ctx.prompt(solved == null ? request : chosenRequest(request, solved.chosen())) : null;
            print(out, ledger, notes, solved, shown);
        }
        return 0;
    }

    /** A text profile: the chat template's ledger; every media or vision option is a usage error naming the profile. */
    private int runText(PlanContext ctx) {
        List<String> refused = new ArrayList<>();
        if (!images.isEmpty()) {
            refused.add("--image");
        }
        if (!videos.isEmpty()) {
            refused.add("--video");
        }
        if (!ocr.isEmpty() || ocrModel != null) {
            refused.add("--ocr");
        }
        if (count != null || fps != null || maxFrames != null || maxGrids != null || dumpTiles != null || budget != null) {
            refused.add("frame, grid, budget and --dump-tiles options");
        }
        if (!refused.isEmpty()) {
            throw new Main.UsageException(profile + " is a text model and takes no images or videos: " + String.join(", ", refused)
                    + " only work with a vision profile (see glimpse profiles)");
        }
        int contextLength = context != null ? context : ctx.contextLength();
        LedgerRequest request = new LedgerRequest(system, List.of(), List.of(), List.of(), prompt, reserve, contextLength, 1);
        TokenLedger ledger;
        try {
            ledger = ctx.ledger(request);
        } catch (IllegalArgumentException e) { // the folder's template refused the conversation
            throw new Main.UsageException(e.getMessage());
        }
        print(spec.commandLine().getOut(), ledger, notes(ctx), null, showPrompt ? ctx.prompt(request) : null);
        return 0;
    }

    private void print(PrintWriter out, TokenLedger ledger, List<String> notes, BudgetSolver.Plan solved, PromptText shown) {
        if (json) {
            ObjectNode n = ledgerJson(ledger, notes, solved);
            if (shown != null) {
                n.set("prompt", PromptOutput.json(shown));
            }
            out.println(Json.write(n));
        } else {
            printTable(out, ledger, notes, solved);
            if (shown != null) {
                PromptOutput.print(out, shown);
            }
        }
    }

    /** The request with the budget's choice applied: its frames per video and grid limit. */
    private static LedgerRequest chosenRequest(LedgerRequest r, BudgetSolver.Option chosen) {
        List<LedgerRequest.Video> videos = new ArrayList<>();
        for (int i = 0; i < r.videos().size(); i++) {
            LedgerRequest.Video v = r.videos().get(i);
            videos.add(new LedgerRequest.Video(v.name(), chosen.framesPerVideo().get(i), v.durationSeconds()));
        }
        return new LedgerRequest(r.system(), r.history(), r.images(), videos, r.prompt(), r.outputReserve(), r.contextLength(),
                chosen.maxGrids());
    }

    private List<String> notes(PlanContext ctx) {
        List<String> notes = new ArrayList<>();
        if (context == null && ctx.contextAssumption() != null) {
            notes.add(ctx.contextAssumption());
        }
        notes.addAll(ctx.notes());
        return notes;
    }

    private FrameSelection selection() {
        return FrameOptions.selection(count, fps, null, 1, maxFrames, AskRequest.DEFAULT_FRAMES);
    }

    private void printTable(PrintWriter out, TokenLedger ledger, List<String> notes, BudgetSolver.Plan solved) {
        out.printf("%-18s %-32s %8s%n", "part", "source", "tokens");
        for (LedgerSegment s : ledger.segments()) {
            out.printf(Locale.ROOT, "%-18s %-32s %8d%s%s%n", s.kind().name().toLowerCase(Locale.ROOT), s.source(), s.tokens(),
                    s.estimated() ? " ~" : "", s.detail().isEmpty() ? "" : "  " + s.detail());
        }
        out.printf(Locale.ROOT, "%-51s %8d%n", "prompt", ledger.promptTokens());
        out.printf(Locale.ROOT, "%-51s %8d of %d: %s%n", "prompt + output reserve", ledger.totalTokens(), ledger.contextLength(),
                ledger.fits() ? "fits" : "over by " + ledger.overBy());
        if (solved != null) {
            solved.explanation().forEach(line -> out.println("budget: " + line));
            if (solved.below() != null) {
                out.printf("budget: cheaper: frames %s, up to %d grids: %d tokens%n", solved.below().framesPerVideo(), solved.below().maxGrids(), solved.below().tokens());
            }
            if (solved.above() != null) {
                out.printf("budget: dearer:  frames %s, up to %d grids: %d tokens%n", solved.above().framesPerVideo(), solved.above().maxGrids(), solved.above().tokens());
            }
        }
        ledger.warnings().forEach(w -> out.println("warning: " + w));
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(ledger.assumptions());
        io.glimpse.app.plan.AssumptionNotes.forRequest(all, !images.isEmpty(), !videos.isEmpty())
                .forEach(a -> out.println("assumed: " + a));
    }

    private ObjectNode ledgerJson(TokenLedger ledger, List<String> notes, BudgetSolver.Plan solved) {
        ObjectNode n = Json.ledger(ledger, notes);
        if (solved != null) {
            ObjectNode b = n.putObject("budget");
            b.put("budget", budget);
            b.put("scope", budgetScope);
            b.set("chosen", optionJson(solved.chosen()));
            b.set("below", solved.below() == null ? null : optionJson(solved.below()));
            b.set("above", solved.above() == null ? null : optionJson(solved.above()));
            ArrayNode why = b.putArray("explanation");
            solved.explanation().forEach(why::add);
        }
        return n;
    }

    private static ObjectNode optionJson(BudgetSolver.Option o) {
        ObjectNode x = Json.object();
        ArrayNode frames = x.putArray("framesPerVideo");
        o.framesPerVideo().forEach(frames::add);
        x.put("maxGrids", o.maxGrids());
        x.put("tokens", o.tokens());
        return x;
    }
}
