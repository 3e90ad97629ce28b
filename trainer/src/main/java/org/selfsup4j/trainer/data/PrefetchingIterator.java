package org.selfsup4j.trainer.data;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataSetIterator} over {@code count} batches made by a {@link BatchProducer} on worker threads, up to
 * {@code depth} batches ahead of the training thread, delivered in index order. Decoding and augmentation run there,
 * so the training thread only waits if the workers fall behind; {@link #waitNanos()} says how long it waited.
 * Batches depend only on their index, so results do not depend on the number of workers. Call {@link #close()} (or
 * use try-with-resources) to stop the workers. {@link #reset()} starts again at batch {@code first}.
 */
public final class PrefetchingIterator implements DataSetIterator, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient BatchProducer producer;
    private final long first;
    private final long count;
    private final int depth;
    private final transient ExecutorService workers;
    private final transient ArrayDeque<Future<DataSet>> queue = new ArrayDeque<>();
    private long nextToSubmit;
    private long delivered;
    private long waitNanos;
    private final int batchSize;
    private final transient BooleanSupplier stopRequested;

    public PrefetchingIterator(BatchProducer producer, long first, long count, int batchSize, int workers, int depth) {
        this(producer, first, count, batchSize, workers, depth, () -> false);
    }

    /** As above; once {@code stopRequested} answers true, {@link #hasNext()} is false (training ends after the current step). */
    public PrefetchingIterator(BatchProducer producer, long first, long count, int batchSize, int workers, int depth,
                               BooleanSupplier stopRequested) {
        this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested is null");
        this.producer = Objects.requireNonNull(producer, "producer is null");
        if (count < 0 || workers <= 0 || depth <= 0) {
            throw new IllegalArgumentException("count >= 0, workers > 0, depth > 0 expected: " + count + ", " + workers + ", " + depth);
        }
        this.first = first;
        this.count = count;
        this.depth = depth;
        this.batchSize = batchSize;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "selfsup-batches-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        reset();
    }

    private void fill() {
        while (queue.size() < depth && nextToSubmit < first + count) {
            long index = nextToSubmit++;
            queue.add(workers.submit(() -> producer.batch(index)));
        }
    }

    @Override
    public boolean hasNext() {
        return delivered < count && !stopRequested.getAsBoolean();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("all " + count + " batches delivered");
        }
        Future<DataSet> head = queue.poll();
        long t0 = System.nanoTime();
        try {
            DataSet ds = head.get();
            waitNanos += System.nanoTime() - t0;
            delivered++;
            fill();
            return ds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("making a batch failed", cause);
        }
    }

    /** Total time {@link #next()} spent blocked on workers since construction. */
    public long waitNanos() {
        return waitNanos;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batches have a fixed size of " + batchSize);
    }

    @Override
    public int inputColumns() {
        return -1;
    }

    @Override
    public int totalOutcomes() {
        return -1;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** False: this iterator already works ahead; DL4J must not wrap it in another async iterator. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        for (Future<DataSet> f : queue) {
            f.cancel(true);
        }
        queue.clear();
        nextToSubmit = first;
        delivered = 0;
        fill();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("pre-processing belongs in the batch producer");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
