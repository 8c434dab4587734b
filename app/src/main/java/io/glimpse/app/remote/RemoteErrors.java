package io.glimpse.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/** The sentences for what can go wrong talking to a server. Stateless. */
final class RemoteErrors {
    private RemoteErrors() {
    }

    /** An HTTP error status, with the server's own message (OpenAI's {@code {"error": {"message"}}} or the body). */
    static String status(URI uri, int status, byte[] body, String retryAfter) {
        String said = serverMessage(body);
        String what = switch (status) {
            case 401, 403 -> "the server refused the API key (HTTP " + status + "); give the right one with --api-key";
            case 404 -> "the server has no " + uri.getPath() + " (HTTP 404): is the URL that of an OpenAI-compatible server?";
            case 429 -> "the server is busy or rate-limited (HTTP 429)"
                    + (retryAfter == null ? "; try again later" : "; it asks to retry after " + retryAfter + " s");
            default -> status >= 500 ? "the server failed (HTTP " + status + ")" : "the server refused the request (HTTP " + status + ")";
        };
        return said.isEmpty() ? what : what + ": " + said;
    }

    /** A failure before any response: refused connection, unknown host, timeout. */
    static RemoteException sending(URI uri, Throwable cause, Duration timeout) {
        String where = uri.getScheme() + "://" + uri.getAuthority();
        if (cause instanceof HttpTimeoutException) {
            return new RemoteException("no response from " + where + " within " + seconds(timeout)
                    + " (a slow or stuck server)", cause);
        }
        if (cause instanceof ConnectException) {
            return new RemoteException("cannot connect to " + where + ": connection refused (is the server running, on that port?)", cause);
        }
        if (cause instanceof IOException && cause.getCause() instanceof UnresolvedAddressException) {
            return new RemoteException("cannot connect to " + where + ": unknown host", cause);
        }
        return new RemoteException("the request to " + where + " failed: " + describe(cause), cause);
    }

    /** "30 s", or "0.4 s" under a second (a whole-second rounding would say "0 s"). */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String serverMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "";
        }
        try {
            JsonNode n = RemoteClient.MAPPER.readTree(text);
            JsonNode e = n.path("error");
            if (e.isTextual()) {
                return e.asText();
            }
            if (e.path("message").isTextual()) {
                return e.path("message").asText();
            }
            if (n.path("message").isTextual()) {
                return n.path("message").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
