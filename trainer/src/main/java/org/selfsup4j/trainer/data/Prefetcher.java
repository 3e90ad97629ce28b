package org.selfsup4j.trainer.data;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Makes items {@code first .. first+count-1} with {@code make(index)} on worker threads, up to {@code depth} ahead of
 * the consumer, and hands them out in index order; {@link #waitNanos()} says how long the consumer waited. Items
 * depend only on their index, so the number of workers never changes what comes out. Not thread-safe on the
 * consumer side (one consumer). Close it to stop the workers.
 *
 * @param <T> the item type
 */
public final class Prefetcher<T> implements AutoCloseable {
    private final LongFunction<T> make;
    private final long first;
    private final long count;
    private final int depth;
    private final ExecutorService workers;
    private final ArrayDeque<Future<T>> queue = new ArrayDeque<>();
    private long nextToSubmit;
    private long delivered;
    private long waitNanos;

    public Prefetcher(LongFunction<T> make, long first, long count, int workers, int depth) {
        this.make = Objects.requireNonNull(make, "make is null");
        if (count < 0 || workers <= 0 || depth <= 0) {
            throw new IllegalArgumentException("count >= 0, workers > 0, depth > 0 expected: " + count + ", " + workers + ", " + depth);
        }
        this.first = first;
        this.count = count;
        this.depth = depth;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "selfsup-batches-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        restart();
    }

    /** Starts again at item {@code first}, dropping what was made ahead. */
    public void restart() {
        for (Future<T> f : queue) {
            f.cancel(true);
        }
        queue.clear();
        nextToSubmit = first;
        delivered = 0;
        fill();
    }

    private void fill() {
        while (queue.size() < depth && nextToSubmit < first + count) {
            long index = nextToSubmit++;
            queue.add(workers.submit(() -> make.apply(index)));
        }
    }

    public boolean hasNext() {
        return delivered < count;
    }

    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + count + " items delivered");
        }
        Future<T> head = queue.poll();
        long t0 = System.nanoTime();
        try {
            T item = head.get();
            waitNanos += System.nanoTime() - t0;
            delivered++;
            fill();
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("making a batch failed", e.getCause());
        }
    }

    /** Total time {@link #next()} spent blocked on workers. */
    public long waitNanos() {
        return waitNanos;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
