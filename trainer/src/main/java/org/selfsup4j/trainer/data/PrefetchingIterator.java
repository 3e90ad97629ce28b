package org.selfsup4j.trainer.data;

import java.util.List;
import java.util.Objects;
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

    private final transient Prefetcher<DataSet> prefetcher;
    private final int batchSize;
    private final transient BooleanSupplier stopRequested;

    public PrefetchingIterator(BatchProducer producer, long first, long count, int batchSize, int workers, int depth) {
        this(producer, first, count, batchSize, workers, depth, () -> false);
    }

    /** As above; once {@code stopRequested} answers true, {@link #hasNext()} is false (training ends after the current step). */
    public PrefetchingIterator(BatchProducer producer, long first, long count, int batchSize, int workers, int depth,
                               BooleanSupplier stopRequested) {
        Objects.requireNonNull(producer, "producer is null");
        this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested is null");
        this.prefetcher = new Prefetcher<>(producer::batch, first, count, workers, depth);
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        return prefetcher.hasNext() && !stopRequested.getAsBoolean();
    }

    @Override
    public DataSet next() {
        return prefetcher.next();
    }

    /** Total time {@link #next()} spent blocked on workers since construction. */
    public long waitNanos() {
        return prefetcher.waitNanos();
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
        prefetcher.restart();
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
        prefetcher.close();
    }
}
