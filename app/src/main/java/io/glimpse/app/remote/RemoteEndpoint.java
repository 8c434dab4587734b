package io.glimpse.app.remote;

import java.net.URI;
import java.time.Duration;

/**
 * Where an OpenAI-compatible server listens and how to talk to it. Immutable.
 *
 * @param base           the server's URL, with or without the trailing {@code /v1} (both spellings are common)
 * @param apiKey         sent as a bearer token, or null
 * @param model          the {@code model} field of each request, or null to ask {@code GET /v1/models} for the first one
 * @param connectTimeout how long connecting and waiting for the response headers may take
 * @param idleTimeout    how long a streaming answer may stay silent before it counts as a stalled server
 */
public record RemoteEndpoint(URI base, String apiKey, String model, Duration connectTimeout, Duration idleTimeout) {
    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);

    public RemoteEndpoint {
        if (base == null || base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
            throw new IllegalArgumentException("the endpoint must be an http:// or https:// URL, got " + base);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        model = model == null || model.isBlank() ? null : model.strip();
    }

    /** Parses a user-typed URL with the default timeouts. */
    public static RemoteEndpoint of(String url, String apiKey, String model) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        return new RemoteEndpoint(uri, apiKey, model, DEFAULT_CONNECT, DEFAULT_IDLE);
    }

    public RemoteEndpoint withTimeouts(Duration connect, Duration idle) {
        return new RemoteEndpoint(base, apiKey, model, connect, idle);
    }

    public RemoteEndpoint withModel(String name) {
        return new RemoteEndpoint(base, apiKey, name, connectTimeout, idleTimeout);
    }

    /** {@code base/v1/<path>}, whether or not the base already ends in {@code /v1}. */
    public URI resolve(String path) {
        String s = base.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.endsWith("/v1")) {
            s += "/v1";
        }
        return URI.create(s + "/" + path);
    }
}
