package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.media.CancelToken;
import java.util.function.ToLongFunction;

/**
 * A {@link WeightSource} that honours a cancel request before every tensor and reports each tensor
 * read to a listener (tensors and checkpoint bytes done out of the totals). Not thread-safe.
 */
final class TrackedWeights implements WeightSource {
    private final WeightSource source;
    private final CancelToken cancel;
    private final ImportListener listener;
    private final ToLongFunction<String> bytesOf;
    private final int tensorsTotal;
    private final long bytesTotal;
    private int tensorsDone;
    private long bytesDone;

    TrackedWeights(WeightSource source, CancelToken cancel, ImportListener listener, ToLongFunction<String> bytesOf,
                   int tensorsTotal, long bytesTotal) {
        this.source = source;
        this.cancel = cancel;
        this.listener = listener;
        this.bytesOf = bytesOf;
        this.tensorsTotal = tensorsTotal;
        this.bytesTotal = bytesTotal;
    }

    @Override
    public JsonNode config() {
        return source.config();
    }

    @Override
    public boolean has(String name) {
        return source.has(name);
    }

    @Override
    public float[] floats(String name, long... shape) throws CheckpointException {
        cancel.throwIfCancelled();
        float[] values = source.floats(name, shape);
        tensorsDone++;
        bytesDone += bytesOf.applyAsLong(name);
        listener.progress(new ImportListener.Progress(tensorsDone, tensorsTotal, bytesDone, bytesTotal, name));
        return values;
    }
}
