package io.glimpse.app.ui.view;

import javafx.animation.AnimationTimer;

/**
 * Runs a job at the start of the pulse after the next one, however often it is requested before
 * then. Views use it for node-heavy updates (strip cells, bar segments, canvases) so the pulse that
 * shows a cheap change (a label's new total) carries no layout work besides it. UI thread only.
 */
final class LaterPulse {
    private final AnimationTimer timer;
    private boolean pending;
    private int pulses;

    LaterPulse(Runnable job) {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (++pulses < 2) {
                    return; // the next pulse renders the cheap change alone
                }
                stop();
                pending = false;
                job.run();
            }
        };
    }

    /** Asks for the job; requests before it runs coalesce into one run
     * (which sees the state at that time). */
    void request() {
        if (!pending) {
            pending = true;
            pulses = 0;
            timer.start();
        }
    }
}
