package io.glimpse.app.ui.vm;

import io.glimpse.app.plan.PlanContext;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.EngineFactory;
import io.glimpse.app.ui.engine.VisionModelEngine;
import io.glimpse.app.ui.service.MediaItem;
import io.glimpse.app.ui.service.Settings;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.importer.Importer;
import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.plugins.ModelFamilies;
import io.glimpse.plugins.ModelFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The workbench screen: media, frame strip, what the model sees, token ledger, prompts and run,
 * wired together; settings loaded at start and saved on {@link #save()}. Holds all state and logic
 * of the window and never touches a Node. UI thread only.
 */
public final class WorkbenchViewModel implements AutoCloseable {
    /** The profile planned against when no model folder is chosen. */
    public static final String DEFAULT_PROFILE = "hcx-seed-vision-3b";

    private final TaskRunner runner;
    private final SettingsStore store;
    private final Settings settings;
    private final MessagesViewModel messages = new MessagesViewModel();
    private final MediaListViewModel media;
    private final FrameControls controls = new FrameControls();
    private final FrameStripViewModel strip;
    private final PromptViewModel prompts = new PromptViewModel(messages);
    private final LedgerViewModel ledger;
    private final PreviewViewModel preview;
    private final RunViewModel run;
    private final EachItemViewModel eachItem;
    private final ImportViewModel importer;
    private final StringProperty theme = new SimpleStringProperty("light");
    private final StringProperty planNote = new SimpleStringProperty("");
    private final IntegerProperty busy = new SimpleIntegerProperty();
    private PlanContext plan;
    /** Quiet time after a change before the settings are written. */
    static final long AUTOSAVE_DELAY_MILLIS = 500;
    private final Autosave autosave;
    private io.glimpse.app.history.HistoryStore history;
    private io.glimpse.inference.ledger.TokenLedger ledgerAtStart;
    private long startedMillis;
    private volatile long lastRecordedId;
    private java.util.function.LongConsumer recorded = id -> { };

    public WorkbenchViewModel(TaskRunner runner, SettingsStore store, EngineFactory engines) {
        this(runner, store, engines, new Importer()::run, System::nanoTime);
    }

    /** With imports run by {@code imports} and timed by {@code clock} (tests pass fakes). */
    public WorkbenchViewModel(TaskRunner runner, SettingsStore store, EngineFactory engines,
                              ImportViewModel.ImportJob imports, LongSupplier clock) {
        this.runner = runner;
        this.store = store;
        SettingsStore.Loaded loaded = store.read();
        this.settings = loaded.settings();
        // each rejected setting: a line on stderr and in the message strip (newest on top, so added last to first)
        loaded.problems().forEach(System.err::println);
        for (int i = loaded.problems().size() - 1; i >= 0; i--) {
            messages.warn(loaded.problems().get(i));
        }
        runner.onRunningChanged(busy::set);
        media = new MediaListViewModel(runner, messages);
        strip = new FrameStripViewModel(runner, controls, this::vision);
        run = new RunViewModel(runner, messages, engines);
        eachItem = new EachItemViewModel(runner, run::engine);
        run.onEdit(prompts.promptProperty()::set); // Edit puts the last question back into the prompt box
        importer = new ImportViewModel(runner, messages, imports, clock, this::chooseModelFolder);
        ledger = new LedgerViewModel(() -> plan, media, strip, controls, prompts.promptProperty(), prompts.systemProperty(),
                run.conversation().turns(), prompts.maxTokensProperty());
        preview = new PreviewViewModel(runner, this::vision);
        load(settings);
        openPlan(run.modelFolderProperty().get());

        media.items().addListener((javafx.collections.ListChangeListener<MediaItem>) c -> {
            controls.adopt(media.videos());
            showVideo();
            ledger.recompute();
        });
        media.selectedProperty().addListener((o, a, b) -> {
            showVideo();
            preview.show(b, ledger.maxGridsProperty().get());
        });
        for (var c : controls.all()) {
            c.addListener(o -> ledger.recompute());
        }
        strip.duplicatesProperty().addListener(o -> ledger.recompute());
        prompts.promptProperty().addListener(o -> ledger.recompute());
        media.ocrTexts().addListener((javafx.collections.MapChangeListener<Path, String>) c -> ledger.recompute());
        prompts.systemProperty().addListener(o -> ledger.recompute());
        run.conversation().turns().addListener((javafx.collections.ListChangeListener<io.glimpse.inference.chat.ChatMessage>) c -> ledger.recompute());
        prompts.maxTokensProperty().addListener(o -> ledger.recompute()); // the answer's reserve in the ledger
        ledger.maxGridsProperty().addListener(o -> {
            ledger.recompute();
            preview.show(media.selected(), ledger.maxGridsProperty().get());
        });
        run.modelFolderProperty().addListener((o, a, b) -> {
            if (b != null) { // the "choose a model folder" warning is answered
                List.copyOf(messages.messages()).stream().filter(m -> m.text().startsWith("profile-only mode")).forEach(messages::dismiss);
            }
            openPlan(b);
        });
        // what a run was priced at, for its record: the ledger when it started (a follow-up's history included)
        run.runningProperty().addListener((o, was, now) -> {
            if (now) {
                ledgerAtStart = ledger.ledgerProperty().get();
                startedMillis = System.currentTimeMillis();
            }
        });
        run.onFinished(this::record);
        // saved on change, half a second after the last one: a killed session keeps the chosen folder and prompt
        autosave = new Autosave(AUTOSAVE_DELAY_MILLIS, runner::onUi, this::snapshot, store::write,
                reason -> messages.error("cannot save settings to " + store.file() + ": " + reason));
        List<javafx.beans.Observable> saved = new ArrayList<>(List.of(theme, ledger.budgetProperty(), media.autoOcrProperty(),
                run.modelFolderProperty()));
        saved.addAll(List.of(controls.all()));
        saved.addAll(List.of(prompts.all()));
        saved.forEach(o -> o.addListener(x -> autosave.changed()));
    }

    public MessagesViewModel messages() {
        return messages;
    }

    public MediaListViewModel media() {
        return media;
    }

    public FrameControls controls() {
        return controls;
    }

    public FrameStripViewModel strip() {
        return strip;
    }

    public PromptViewModel prompts() {
        return prompts;
    }

    public LedgerViewModel ledger() {
        return ledger;
    }

    public PreviewViewModel preview() {
        return preview;
    }

    public RunViewModel run() {
        return run;
    }

    /** The import pane (Hugging Face checkpoint to model folder). */
    public ImportViewModel importer() {
        return importer;
    }

    public StringProperty themeProperty() {
        return theme;
    }

    /** Which profile and layout the ledger uses, in words. */
    public StringProperty planNoteProperty() {
        return planNote;
    }

    /** Background jobs running now (decodes, probes, model load, generation): drives the progress indicator. */
    public IntegerProperty busyProperty() {
        return busy;
    }

    /**
     * Records every run from now on in {@code store} (off the UI thread; a failure to record is a
     * warning, never a lost answer). The window passes the user's history; tests a temporary one.
     */
    public void recordRunsIn(io.glimpse.app.history.HistoryStore store) {
        this.history = store;
    }

    /** The current question over every media item, one run each (the window's batch). */
    public EachItemViewModel eachItem() {
        return eachItem;
    }

    /**
     * Asks the current question about each item of the media list on its own (no history), in list
     * order, each run recorded in one history group "batch <time>"; refused like Run without a
     * folder, a question or media.
     */
    public void askEachItem() {
        Path folder = run.modelFolderProperty().get();
        if (folder == null) {
            messages.warn("profile-only mode: choose a model folder to run; the ledger shows what the request would cost");
            return;
        }
        if (prompts.promptProperty().get() == null || prompts.promptProperty().get().isBlank()) {
            messages.error("the prompt is empty: type a question first");
            return;
        }
        if (media.items().isEmpty()) {
            messages.error("the media list is empty: add the images and videos to ask about");
            return;
        }
        AnswerRequest all = request();
        List<AnswerRequest> each = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (MediaItem item : media.items()) {
            List<AnswerRequest.Image> image = item.isVideo() ? List.of() : List.of(new AnswerRequest.Image(item.file(), media.ocr(item)));
            List<AnswerRequest.Video> video = item.isVideo() ? List.of(new AnswerRequest.Video(item.file(), controls.request(item))) : List.of();
            each.add(new AnswerRequest(all.system(), all.prompt(), image, video, all.sampling(), all.maxNewTokens(), all.maxGrids()));
            names.add(item.name());
        }
        String group = "batch " + java.time.LocalDateTime.now().withNano(0);
        ledgerAtStart = null; // each item is priced on its own; the record keeps the server's counts
        startedMillis = System.currentTimeMillis();
        eachItem.start(folder, each, names, (sent, result) -> record(sent, result, "batch", group));
    }

    /** The history window runs are recorded in, or null (a compare or sweep records there too). */
    public io.glimpse.app.history.HistoryStore recordingTo() {
        return history;
    }

    private void record(AnswerRequest sent, io.glimpse.app.ui.engine.AnswerResult result) {
        record(sent, result, "window", null);
    }

    private void record(AnswerRequest sent, io.glimpse.app.ui.engine.AnswerResult result, String source, String group) {
        io.glimpse.app.history.HistoryStore store = history;
        if (store == null) {
            return;
        }
        Path folder = run.modelFolderProperty().get();
        String family = plan == null || plan.family() == null ? null : plan.family().id();
        io.glimpse.inference.ledger.TokenLedger priced = ledgerAtStart;
        List<String> assumptions = priced == null ? List.of() : priced.assumptions();
        long started = startedMillis;
        runner.submit(cancel -> store.add(io.glimpse.app.history.WindowRuns.record(store, source, started, folder, family, sent, result,
                        priced, assumptions).inGroup(source, group)),
                id -> {
                    lastRecordedId = id;
                    recorded.accept(id);
                },
                err -> messages.warn("this run was not recorded in the history: " + MessagesViewModel.describe(err)));
    }

    /** Calls {@code listener} on the UI thread with the id of each run recorded from this window (the history pane lists it). */
    public void onRecorded(java.util.function.LongConsumer listener) {
        recorded = recorded.andThen(listener);
    }

    /** The id of the newest run recorded from this window, or 0. */
    public long lastRecordedId() {
        return lastRecordedId;
    }

    /** The saved settings object; the view stores the window layout in it before {@link #save()}. */
    public Settings settings() {
        return settings;
    }

    VisionProcessor vision() {
        return plan == null ? null : plan.vision();
    }

    /** Chooses the model folder (null: plan only); a missing folder is refused, a checkpoint offered for import, the old choice kept. */
    public void chooseModelFolder(Path folder) {
        if (folder != null && !Files.isDirectory(folder)) {
            messages.error(folder + ": not a folder; choose the folder that holds the model's files");
            return;
        }
        if (importer.offer(folder)) {
            return;
        }
        run.modelFolderProperty().set(folder);
    }

    /** The request the run button sends: exactly what the ledger and the strip show, after the conversation so far. */
    public AnswerRequest request() {
        List<AnswerRequest.Image> images = media.images().stream().map(i -> new AnswerRequest.Image(i.file(), media.ocr(i))).toList();
        List<AnswerRequest.Video> videos = new ArrayList<>();
        for (MediaItem v : media.videos()) {
            videos.add(new AnswerRequest.Video(v.file(), controls.request(v))); // each video its own frames
        }
        String sys = prompts.systemProperty().get();
        return new AnswerRequest(sys == null || sys.isBlank() ? null : sys, prompts.promptProperty().get(), images, videos,
                prompts.sampling(), prompts.maxTokensProperty().get(),
                ledger.maxGridsProperty().get(), run.conversation().turns());
    }

    /** Run: a bad setting is reported and nothing the user typed is touched. */
    public void runAnswer() {
        if (prompts.promptProperty().get() == null || prompts.promptProperty().get().isBlank()) {
            messages.error("the prompt is empty: type a question first");
            return;
        }
        VisionProcessor v = vision();
        if (v != null && media.items().isEmpty()) {
            for (String placeholder : v.placeholderTexts()) {
                if (prompts.promptProperty().get().contains(placeholder)) {
                    messages.error("the prompt contains the placeholder " + placeholder
                            + " but no image or video is in the list; Glimpse places media itself, drop it from the text");
                    return;
                }
            }
        }
        try {
            run.run(request());
        } catch (IllegalArgumentException e) {
            messages.error(e.getMessage());
        }
    }

    private void showVideo() {
        MediaItem sel = media.selected();
        MediaItem v = sel != null && sel.isVideo() ? sel : media.videos().stream().findFirst().orElse(null);
        controls.show(v); // the controls edit the video on the strip
        if (strip.videoProperty().get() != v) {
            strip.videoProperty().set(v);
        }
    }

    /**
     * Plans a vision folder with its family; a text folder (a text family's, or an unrecognised
     * folder that opens as a text model) with its own tokenizer and chat template, the prompt the
     * text engine sends; no folder, or one that is neither, with the default vision profile.
     */
    private void openPlan(Path folder) {
        ModelFamily family = folder == null ? null : ModelFamilies.detect(folder).orElse(null);
        boolean declaresVision = folder != null && VisionModelEngine.declaresVision(folder);
        boolean text = folder != null && !declaresVision && (family != null ? !family.inputs().contains(ModelFamily.Modality.IMAGE)
                : PlanContext.isTextModelFolder(folder));
        if (family == null && declaresVision) {
            family = ModelFamilies.byId(DEFAULT_PROFILE).orElseThrow(); // a glimpse.json vision folder: HCX processing, its own files
        }
        Path planFolder = folder;
        String note;
        if (text) {
            note = (family == null ? "text model folder " : family.displayName() + " (text model) from ") + folder;
        } else if (family == null) {
            note = folder == null ? "profile-only mode: planning with " + DEFAULT_PROFILE + " (no model folder chosen)"
                    : "unrecognised model folder: media planned with " + DEFAULT_PROFILE;
            family = ModelFamilies.byId(DEFAULT_PROFILE).orElseThrow();
            planFolder = null;
        } else {
            note = family.displayName() + " from " + folder;
        }
        String testModel = folder == null ? null : io.glimpse.inference.testmodel.TestModelWriter.notice(folder).orElse(null);
        if (testModel != null) {
            note = "⚠ " + testModel + "; " + note;
            messages.warn(folder + " is " + testModel);
        }
        try {
            PlanContext next = text ? PlanContext.openText(family, folder) : PlanContext.open(family, planFolder);
            if (plan != null) {
                plan.close();
            }
            plan = next;
            if (!next.textOnly()) {
                ledger.maxGridsProperty().set(Math.min(Math.max(1, ledger.maxGridsProperty().get()), next.vision().maxGrids()));
            }
            planNote.set(note + "; " + String.join("; ", next.notes()));
        } catch (Exception e) {
            messages.error(MessagesViewModel.describe(e));
        }
        ledger.recompute();
        strip.refresh();
    }

    private void load(Settings s) {
        theme.set("dark".equals(s.theme) ? "dark" : "light");
        prompts.load(s);
        controls.useFpsProperty().set(s.useFps);
        controls.countProperty().set(Math.max(1, s.frameCount));
        controls.fpsProperty().set(s.fps > 0 ? s.fps : 1.0);
        controls.maxFramesProperty().set(Math.max(1, s.maxFrames));
        controls.dedupeProperty().set(s.dedupe);
        media.autoOcrProperty().set(s.autoOcr);
        ledger.budgetProperty().set(s.budget == null ? "" : String.valueOf(s.budget));
        if (s.modelFolder != null && Files.isDirectory(Path.of(s.modelFolder))) {
            run.modelFolderProperty().set(Path.of(s.modelFolder));
        }
    }

    /** Writes the settings now (after any save already under way); a failure is reported, not thrown. */
    public void save() {
        try {
            autosave.saveNow();
        } catch (IOException e) {
            messages.error("cannot save settings to " + store.file() + ": " + e.getMessage());
        }
    }

    /** Something saved changed that the view model does not watch itself (the window's place, the split positions). */
    public void settingsChanged() {
        autosave.changed();
    }

    /** The settings as they are now, as bytes to write; UI thread. */
    private byte[] snapshot() {
        Settings s = settings;
        s.theme = theme.get();
        prompts.store(s);
        s.useFps = controls.useFpsProperty().get();
        s.frameCount = controls.countProperty().get();
        s.fps = controls.fpsProperty().get();
        s.maxFrames = controls.maxFramesProperty().get();
        s.dedupe = controls.dedupeProperty().get();
        s.autoOcr = media.autoOcrProperty().get();
        String b = ledger.budgetProperty().get();
        s.budget = b != null && b.trim().matches("\\d+") ? Integer.valueOf(b.trim()) : null;
        s.modelFolder = run.modelFolderProperty().get() == null ? null : run.modelFolderProperty().get().toString();
        return store.bytes(s);
    }

    @Override
    public void close() {
        autosave.close();
        importer.stop(); // the importer deletes its unfinished folder within a tensor
        run.close();
        if (plan != null) {
            plan.close();
        }
    }
}
