package org.selfsup4j.trainer.data;

/**
 * Which examples make up batch {@code index}: the data is walked in a fresh seeded permutation every epoch, in
 * batches of {@code batchSize}; a batch that would run past the end of an epoch wraps into the next permutation,
 * so every batch is full even when the data set is smaller than a batch.
 */
public final class EpochSampler {
    private final int size;
    private final int batchSize;
    private final long seed;

    public EpochSampler(int size, int batchSize, long seed) {
        if (size <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("size and batch size must be positive: " + size + ", " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public int[] indices(long batchIndex) {
        int[] out = new int[batchSize];
        long start = batchIndex * batchSize;
        long epoch = -1;
        int[] perm = null;
        for (int k = 0; k < batchSize; k++) {
            long pos = start + k;
            long e = pos / size;
            if (e != epoch) {
                epoch = e;
                perm = Seeds.permutation(size, seed, e);
            }
            out[k] = perm[(int) (pos % size)];
        }
        return out;
    }
}
