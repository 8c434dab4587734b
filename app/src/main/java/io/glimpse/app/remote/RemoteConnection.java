package io.glimpse.app.remote;

import io.glimpse.media.CancelToken;
import java.util.List;

/**
 * The "Remote…" dialog's state without its controls: the URL, key and model typed, the connection
 * test ({@code GET /v1/models}) and its result in words. Not thread-safe: the dialog runs the test on
 * a worker and shows the returned text on the FX thread.
 */
public final class RemoteConnection {
    /** What a connection test found: the sentence shown, and whether the endpoint can be used. */
    public record Test(boolean ok, String text, List<String> models) {
    }

    private RemoteConnection() {
    }

    /** Parses the typed fields; a bad URL is an IllegalArgumentException with the message to show. */
    public static RemoteEndpoint endpoint(String url, String key, String model) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("type the server's URL, e.g. http://gpu-box:8000/v1");
        }
        return RemoteEndpoint.of(url, key, model);
    }

    /** Calls {@code GET /v1/models}: blocking, on a worker thread. */
    public static Test test(RemoteEndpoint endpoint) {
        try {
            List<String> ids = new RemoteClient(endpoint).models(CancelToken.NONE);
            if (ids.isEmpty()) {
                return new Test(false, "connected, but the server lists no model", ids);
            }
            if (endpoint.model() != null && !ids.contains(endpoint.model())) {
                return new Test(false, "connected, but the server has no model '" + endpoint.model() + "'; it serves: "
                        + String.join(", ", ids), ids);
            }
            String chosen = endpoint.model() != null ? endpoint.model() : ids.get(0);
            return new Test(true, "connected: " + ids.size() + (ids.size() == 1 ? " model" : " models") + " (" + String.join(", ", ids)
                    + "); questions go to " + chosen, ids);
        } catch (RemoteException e) {
            return new Test(false, e.getMessage(), List.of());
        }
    }
}
