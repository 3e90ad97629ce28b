package org.selfsup4j.trainer.train;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop training early (Ctrl-C, a time budget). The training loop finishes the step it is in and returns
 * normally, so the caller can still save a consistent model. Thread-safe.
 */
public final class StopSignal {
    private final AtomicBoolean requested = new AtomicBoolean();

    public void request() {
        requested.set(true);
    }

    public boolean isRequested() {
        return requested.get();
    }
}
