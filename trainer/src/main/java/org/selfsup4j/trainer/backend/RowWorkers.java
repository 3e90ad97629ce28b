package org.selfsup4j.trainer.backend;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a loop over the examples of a batch on {@link #THREADS} threads: the caller's and {@code THREADS - 1} daemon
 * workers shared by every {@link FastBatchNormHelper}. {@code THREADS} is {@code -Dselfsup.fastbn.threads} (default:
 * the number of processors, at most 8). Each thread gets one contiguous block of examples and its index, so partial
 * sums are per thread and added in a fixed order: the result does not depend on timing.
 */
final class RowWorkers {
    /** Threads a pass runs on (at least 1). */
    static final int THREADS = Math.max(1, Integer.getInteger("selfsup.fastbn.threads",
            Math.min(8, Runtime.getRuntime().availableProcessors())));
    private static final ExecutorService POOL = THREADS == 1 ? null : Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread t = new Thread(r, "selfsup-batchnorm");
        t.setDaemon(true);
        return t;
    });

    /** The body of a pass over examples {@code [from, to)}, run by thread {@code worker} in [0, THREADS). */
    @FunctionalInterface
    interface Rows {
        void run(int from, int to, int worker);
    }

    private RowWorkers() {
    }

    /** Runs {@code body} over {@code [0, n)} split into at most {@link #THREADS} blocks; returns when all are done. */
    static void forRows(int n, Rows body) {
        int blocks = Math.min(THREADS, n);
        if (blocks <= 1) {
            body.run(0, n, 0);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future[blocks - 1];
        for (int w = 1; w < blocks; w++) {
            int from = (int) ((long) n * w / blocks);
            int to = (int) ((long) n * (w + 1) / blocks);
            int worker = w;
            futures[w - 1] = POOL.submit(() -> body.run(from, to, worker));
        }
        body.run(0, (int) ((long) n / blocks), 0);
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while batch norm ran", e);
            } catch (java.util.concurrent.ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
