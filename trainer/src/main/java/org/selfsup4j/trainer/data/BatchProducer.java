package org.selfsup4j.trainer.data;

import org.nd4j.linalg.dataset.DataSet;

/**
 * Makes training batch number {@code index} (0, 1, 2, ...). Must be a pure function of the index and the producer's
 * own seed, so batches come out the same whatever thread makes them and in whatever order; must be thread-safe.
 */
@FunctionalInterface
public interface BatchProducer {
    DataSet batch(long index);
}
