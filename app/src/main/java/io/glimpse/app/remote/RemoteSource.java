package io.glimpse.app.remote;

import io.glimpse.app.ui.engine.EngineFactory;
import io.glimpse.media.CancelToken;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The "remote endpoint" model source of the window. The window's run path is keyed by the chosen
 * model folder, so an endpoint is chosen as a name that stands for it (never a real folder: it has no
 * separator and starts with "remote "), and {@link #or} opens a {@link RemoteEngine} for such a name.
 * The endpoint itself, API key included, stays in memory here: the settings file and the run history
 * only ever see the name. Thread-safe.
 */
public final class RemoteSource {
    private static final Map<Path, RemoteEndpoint> CHOSEN = new ConcurrentHashMap<>();

    private RemoteSource() {
    }

    /** The name standing for {@code endpoint}, e.g. {@code remote hcx at gpu-box:8000}, shown where the folder's name is. */
    public static Path choose(RemoteEndpoint endpoint) {
        String where = endpoint.base().getHost() + (endpoint.base().getPort() < 0 ? "" : ":" + endpoint.base().getPort());
        Path name = Path.of("remote " + (endpoint.model() == null ? "model" : endpoint.model().replace('/', '∕')) + " at " + where);
        CHOSEN.put(name, endpoint);
        return name;
    }

    /** The endpoint a chosen name stands for, or empty for a real folder. */
    public static Optional<RemoteEndpoint> of(Path folder) {
        return folder == null ? Optional.empty() : Optional.ofNullable(CHOSEN.get(folder));
    }

    /**
     * Opens a remote engine for a chosen endpoint's name, else what {@code local} opens; the ledger's
     * prediction uses the built-in profile (the window plans with it too when no folder is chosen).
     */
    public static EngineFactory or(EngineFactory local) {
        return folder -> {
            Optional<RemoteEndpoint> e = of(folder);
            if (e.isEmpty()) {
                return local.open(folder);
            }
            return RemoteEngine.connect(e.get(), RemotePricing.open(null), CancelToken.NONE);
        };
    }
}
