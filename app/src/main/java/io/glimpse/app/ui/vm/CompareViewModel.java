package io.glimpse.app.ui.vm;

import io.glimpse.app.experiment.Experiment;
import io.glimpse.app.experiment.ExperimentTable;
import io.glimpse.app.experiment.Outcome;
import io.glimpse.app.experiment.Point;
import io.glimpse.app.experiment.Variant;
import io.glimpse.app.experiment.WindowRequests;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Compare / sweep" window without its Nodes: variants of the current request (or budget
 * points) run in turn on a background executor; results arrive as columns with the rows that
 * differ marked, and for a sweep as chart points. Properties change on the UI executor.
 */
public final class CompareViewModel {
    public enum Mode { COMPARE, SWEEP }

    /** One row of the results: a field, a cell per run, and whether the runs differ in it. */
    public record Row(String field, List<String> cells, boolean differs) {
    }

    /** A sweep point for the chart: visual tokens against TTFT and total time, and which run it is. */
    public record ChartPoint(int run, int visualTokens, Double ttftMs, double totalMs) {
    }

    /** The request the window would send now, and its model folder (null: none chosen). */
    public record Current(Path modelFolder, AnswerRequest request) {
    }

    public static final int MAX_VARIANTS = 4;

    private final Supplier<Current> current;
    private final Supplier<HistoryStore> history;
    private final Executor background;
    private final Executor ui;
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.COMPARE);
    private final ObservableList<StringProperty> variants = FXCollections.observableArrayList();
    private final StringProperty budgets = new SimpleStringProperty("256, 512, 1024, 2048");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<ChartPoint> chart = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final StringProperty answer = new SimpleStringProperty("");
    private final List<Outcome> outcomes = new ArrayList<>();
    private volatile CancelToken cancel;

    /**
     * @param history the history the runs are recorded in, or a supplier of null to record nothing
     */
    public CompareViewModel(Supplier<Current> current, Supplier<HistoryStore> history, Executor background, Executor ui) {
        this.current = current;
        this.history = history;
        this.background = background;
        this.ui = ui;
        variants.addAll(new SimpleStringProperty("count=8"), new SimpleStringProperty("count=32"), new SimpleStringProperty(""),
                new SimpleStringProperty(""));
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** The variant texts (four fields; blank ones are skipped). */
    public List<StringProperty> variants() {
        return variants;
    }

    public StringProperty budgetsProperty() {
        return budgets;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The run labels, one per result column. */
    public ObservableList<String> columns() {
        return columns;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<ChartPoint> chart() {
        return chart;
    }

    public IntegerProperty selectedProperty() {
        return selected;
    }

    /** The selected run's full answer. */
    public StringProperty answerProperty() {
        return answer;
    }

    /** Plans the points from the current request and runs them; a usage problem goes to the status instead. */
    public void start() {
        if (running.get()) {
            return;
        }
        Current c = current.get();
        if (c == null || c.modelFolder() == null) {
            status.set("choose a model folder first: a compare or sweep runs the model");
            return;
        }
        List<Point> points;
        Mode m = mode.get();
        try {
            points = m == Mode.SWEEP ? Experiment.sweep(c.modelFolder(), WindowRequests.ask(c.request()), parseBudgets())
                    : Experiment.compare(c.modelFolder(), WindowRequests.ask(c.request()), parseVariants());
        } catch (Exception e) { // bad text, a budget too small, media that cannot be read
            status.set(e.getMessage());
            return;
        }
        outcomes.clear();
        columns.setAll(points.stream().map(Point::label).toList());
        rows.clear();
        chart.clear();
        selected.set(-1);
        answer.set("");
        running.set(true);
        CancelToken token = new CancelToken();
        cancel = token;
        String group = Experiment.groupId(m == Mode.SWEEP ? "sweep" : "compare", System.currentTimeMillis());
        status.set("running 1 of " + points.size() + "…");
        background.execute(() -> {
            Experiment e = new Experiment(new RuntimeOptions(false, 0), history.get(), "window");
            e.run(points, group, new Experiment.Listener() {
                @Override
                public void started(int index, Point p) {
                    ui.execute(() -> status.set("running " + (index + 1) + " of " + points.size() + ": " + p.label() + "…"));
                }

                @Override
                public void finished(int index, Outcome o) {
                    ui.execute(() -> add(o));
                }
            }, token);
            ui.execute(() -> {
                running.set(false);
                status.set((token.isCancelled() ? "cancelled after " : "done: ") + outcomes.size() + " of " + points.size()
                        + " runs" + (history.get() == null ? "" : ", recorded as '" + group + "'"));
            });
        });
    }

    /** Stops the running point (its answer so far is kept) and starts no other. */
    public void cancel() {
        CancelToken t = cancel;
        if (t != null && running.get()) {
            t.cancel();
        }
    }

    /** Shows run {@code index}'s answer (a column clicked, a chart point clicked). */
    public void select(int index) {
        if (index >= 0 && index < outcomes.size()) {
            selected.set(index);
            Outcome o = outcomes.get(index);
            answer.set(o.error() != null ? "error: " + o.error() : o.answer().strip());
        }
    }

    private void add(Outcome o) {
        outcomes.add(o);
        rows.setAll(List.of(row("answer", x -> x.error() != null ? "error: " + x.error() : x.answer().strip()),
                row("frames", ExperimentTable::frames), row("grids", ExperimentTable::grids),
                row("prompt tokens", x -> String.valueOf(x.promptTokens())), row("visual tokens", x -> String.valueOf(x.visualTokens())),
                timing("TTFT ms", x -> ExperimentTable.ms(x.ttftMs())), timing("tokens/s", x -> ExperimentTable.rate(x.tokensPerSecond())),
                timing("total ms", x -> ExperimentTable.ms(x.totalMs())), row("finish", Outcome::finishReason)));
        if (o.point().budget() != null) {
            chart.add(new ChartPoint(outcomes.size() - 1, o.visualTokens(), o.ttftMs(), o.totalMs()));
        }
        if (selected.get() < 0) {
            select(0);
        }
    }

    private Row row(String field, Function<Outcome, String> cell) {
        List<String> cells = outcomes.stream().map(cell).toList();
        return new Row(field, cells, cells.stream().distinct().count() > 1);
    }

    /** Timings differ on every run: marking them would drown the differences that matter. */
    private Row timing(String field, Function<Outcome, String> cell) {
        return new Row(field, outcomes.stream().map(cell).toList(), false);
    }

    private List<Variant> parseVariants() {
        List<Variant> out = new ArrayList<>();
        for (StringProperty v : variants) {
            if (v.get() != null && !v.get().isBlank()) {
                out.add(Variant.parse(v.get()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("give at least one variant, e.g. count=8 or grids=2; ocr=off");
        }
        return out;
    }

    private List<Integer> parseBudgets() {
        List<Integer> out = new ArrayList<>();
        for (String part : (budgets.get() == null ? "" : budgets.get()).split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                int b = Integer.parseInt(part);
                if (b < 1) {
                    throw new NumberFormatException();
                }
                out.add(b);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("budgets: '" + part + "' is not a positive number of visual tokens");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("give budgets in visual tokens, e.g. 256, 512, 1024, 2048");
        }
        return out;
    }
}
