package io.glimpse.app.serve;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model answers one request at a time (one decoder, one KV cache); up to {@code waiting} more
 * wait their turn in arrival order, and any beyond that are refused at once (429) rather than piling
 * up handler threads and memory.
 */
final class RunQueue {
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Semaphore model = new Semaphore(1, true);

    RunQueue(int waiting) {
        this.capacity = waiting + 1;
    }

    /** A turn, or null when the queue is full: close it when the run ends. */
    Turn tryEnter() {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            return null;
        }
        return new Turn();
    }

    int admitted() {
        return admitted.get();
    }

    final class Turn implements AutoCloseable {
        private boolean running;
        private boolean closed;

        /** Waits until the model is free. */
        void awaitModel() throws InterruptedException {
            model.acquire();
            running = true;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (running) {
                model.release();
            }
            admitted.decrementAndGet();
        }
    }
}
