package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.engine.AnswerEngine;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.EngineFactory;
import io.glimpse.app.ui.engine.StageTime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The open engine: the chosen folder's, opened on first use and kept while the folder stays the same. */
final class EngineSession implements AutoCloseable {
    private final EngineFactory factory;
    private AnswerEngine engine; // touched on workers only, one run at a time
    private Path folder;

    EngineSession(EngineFactory factory) {
        this.factory = factory;
    }

    /** The engine of {@code folder}, opening it (and closing another folder's) when needed. */
    synchronized AnswerEngine open(Path wanted) throws Exception {
        if (engine != null && wanted.equals(folder)) {
            return engine;
        }
        close();
        engine = factory.open(wanted);
        folder = wanted;
        return engine;
    }

    /** The engine's waterfall, with the model's load in front when it took time. */
    static AnswerResult withLoad(AnswerResult r, double loadMs) {
        if (loadMs < 1) {
            return r;
        }
        List<StageTime> s = new ArrayList<>();
        s.add(new StageTime("load", 0, loadMs));
        for (StageTime t : r.stages()) {
            s.add(new StageTime(t.name(), t.startMs() + loadMs, t.durationMs()));
        }
        return new AnswerResult(r.text(), r.finishReason(), r.promptTokens(), r.generatedTokens(),
                r.timeToFirstTokenMs(), r.tokensPerSecond(), s, r.error());
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
            folder = null;
        }
    }
}
