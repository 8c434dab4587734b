package io.glimpse.app.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How {@code glimpse serve} listens and what it accepts.
 *
 * @param queue how many requests may wait while one runs (the model answers one at a time); more get 429
 */
public record ServeOptions(String host, int port, String apiKey, boolean allowFiles, long maxBodyBytes, long maxImageBytes,
                           int queue, int defaultMaxTokens) {
    public static final long DEFAULT_BODY_BYTES = 32L << 20;
    public static final long DEFAULT_IMAGE_BYTES = 20L << 20;

    public ServeOptions {
        if (queue < 0 || maxBodyBytes < 1 || maxImageBytes < 1 || defaultMaxTokens < 1) {
            throw new IllegalArgumentException("queue, size limits and default max tokens must be positive");
        }
        if (apiKey == null && !loopback(host)) {
            // an open port on a network would hand the model (and, with --allow-files, the disk) to anyone
            throw new IllegalArgumentException("--host " + host + " is reachable from other machines: give --api-key KEY "
                    + "(clients send Authorization: Bearer KEY), or serve on 127.0.0.1");
        }
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
