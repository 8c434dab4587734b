package io.glimpse.app.experiment;

import io.glimpse.app.history.AskRuns;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunRecord;
import io.glimpse.app.history.RunRecords;
import io.glimpse.app.plan.PlanContext;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs points in turn on the same media: a compare (variants of one request) or a budget sweep.
 * Each model folder is loaded once and closed after its last point; every point is recorded in the
 * history with the experiment's group id. A cancel stops the running point (its partial answer is
 * kept, finish reason cancelled) and no further point starts. Not thread-safe: one run at a time.
 */
public final class Experiment {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** Hears each point start, stream and finish (on the running thread). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void started(int index, Point point) {
        }

        default void text(int index, String piece) {
        }

        default void finished(int index, Outcome outcome) {
        }
    }

    private final RuntimeOptions runtime;
    private final HistoryStore store;
    private final String source;
    private int loads;

    /**
     * @param store  the history to record into, or null to record nothing
     * @param source the records' source ("ask" for the command line, "window")
     */
    public Experiment(RuntimeOptions runtime, HistoryStore store, String source) {
        this.runtime = runtime;
        this.store = store;
        this.source = source;
    }

    /** "compare 2026-12-08 02:10:33": the group id the history shows and searches. */
    public static String groupId(String kind, long millis) {
        return kind + " " + WHEN.format(Instant.ofEpochMilli(millis));
    }

    /** The points of a compare: each variant applied to {@code base}, a budget variant solved as a sweep point is. */
    public static List<Point> compare(Path model, AskRequest base, List<Variant> variants) throws ModelFolderException, MediaException {
        List<Point> points = new ArrayList<>();
        for (Variant v : variants) {
            Path folder = v.model(model);
            AskRequest r = v.apply(base);
            if (v.budget() != null) {
                BudgetPoint b = BudgetPoint.solve(folder, r, v.budget());
                points.add(new Point(v.name(), folder, b.request(), b.budget(), b.framesPerVideo(), b.plannedVisual()));
            } else {
                points.add(Point.of(v.name(), folder, r));
            }
        }
        return points;
    }

    /** The points of a sweep: one per budget, solved with one plan context. */
    public static List<Point> sweep(Path model, AskRequest base, List<Integer> budgets) throws ModelFolderException, MediaException {
        List<Point> points = new ArrayList<>();
        try (PlanContext ctx = Plans.open(model)) {
            for (int b : budgets) {
                points.add(Point.of(model, BudgetPoint.solve(ctx, base, b)));
            }
        }
        return points;
    }

    /** How many times the last {@link #run} loaded a model: once per folder while its points last. */
    public int loads() {
        return loads;
    }

    /**
     * Runs the points in order; returns the outcomes of those that ran (fewer after a cancel).
     * A point that fails (a model that will not load) gives an error outcome and the rest still run.
     */
    public List<Outcome> run(List<Point> points, String groupId, Listener listener, CancelToken cancel) {
        Map<Path, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            lastUse.put(points.get(i).model(), i);
        }
        Map<Path, VisionLanguageModel> open = new LinkedHashMap<>();
        loads = 0;
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < points.size() && !cancel.isCancelled(); i++) {
                Point p = points.get(i);
                listener.started(i, p);
                Outcome o = runOne(i, p, open, groupId, listener, cancel);
                if (lastUse.get(p.model()) == i && open.containsKey(p.model())) {
                    open.remove(p.model()).close(); // its last point: free the memory before the next folder loads
                }
                outcomes.add(o);
                listener.finished(i, o);
            }
        } finally {
            open.values().forEach(VisionLanguageModel::close);
        }
        return outcomes;
    }

    private Outcome runOne(int index, Point p, Map<Path, VisionLanguageModel> open, String groupId, Listener listener,
                           CancelToken cancel) {
        long startedMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        double loadMs = 0;
        VisionLanguageModel m = open.get(p.model());
        try {
            if (m == null) {
                m = VisionLanguageModel.open(p.model(), runtime);
                loads++;
                open.put(p.model(), m);
                loadMs = (System.nanoTime() - start) / 1e6;
            }
            AskResult r = m.ask(p.request(), new AskListener() {
                @Override
                public void onText(String piece) {
                    listener.text(index, piece);
                }
            }, cancel);
            Outcome o = outcome(p, r, loadMs);
            return store == null ? o : o.recorded(record(p, r, m, startedMillis, loadMs, groupId));
        } catch (ModelFolderException | MediaException | io.glimpse.inference.vision.RequestTooLongException | RuntimeException e) {
            return Outcome.failed(p, e.getMessage(), (System.nanoTime() - start) / 1e6);
        }
    }

    private static Outcome outcome(Point p, AskResult r, double loadMs) {
        List<Integer> frames = new ArrayList<>();
        for (int v = 0; v < p.request().videos().size(); v++) {
            frames.add(RunRecords.plannedFrames(p.request().videos().get(v), p.request().framesOf(v)).size());
        }
        var g = r.generation();
        boolean timed = g.generatedTokens() > 0;
        return new Outcome(p, frames, p.request().maxGrids(), r.ledger() == null ? 0 : r.ledger().visualTokens(), g.promptTokens(),
                g.generatedTokens(), timed ? r.timings().timeToFirstTokenMs() : null, loadMs + r.timings().totalMs(),
                timed ? r.timings().decodeTokensPerSecond() : null, g.finishReason().name().toLowerCase(Locale.ROOT), g.text(),
                g.error(), 0);
    }

    private long record(Point p, AskResult r, VisionLanguageModel m, long startedMillis, double loadMs, String groupId) {
        List<String> assumed = new ArrayList<>(m.spec().notes());
        if (r.ledger() != null) {
            assumed.addAll(r.ledger().assumptions());
        }
        RunRecord a = AskRuns.ask(store, startedMillis, p.model(), m.spec().source(), p.request(), r, loadMs, assumed);
        Map<String, Object> processor = new LinkedHashMap<>(a.processor());
        processor.put("variant", p.label());
        if (p.budget() != null) {
            processor.put("budget", p.budget());
        }
        return store.add(new RunRecord(source, groupId, a.createdMillis(), a.model(), a.media(), a.system(), a.history(), a.question(),
                a.sampling(), processor, a.assumptions(), a.ledger(), a.stages(), a.answer(), a.outcome()));
    }
}
