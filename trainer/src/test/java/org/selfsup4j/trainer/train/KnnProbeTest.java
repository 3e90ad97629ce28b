package org.selfsup4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The kNN vote, hand-computed on four 2-D bank vectors. */
class KnnProbeTest {
    /** b0 = (1, 0) class 0, b1 = (0, 1) class 1, b2 = (0.6, 0.8) class 1, b3 = (−1, 0) class 0. */
    static final INDArray BANK = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {0.6f, 0.8f}, {-1, 0}});
    static final int[] LABELS = {0, 1, 1, 0};

    /**
     * Query (0.96, 0.28): similarities 0.96 (b0), 0.28 (b1), 0.80 (b2), −0.96 (b3); the 3 nearest are b0, b2, b1.
     * At τ = 0.07 class 0 gets e^13.71 ≈ 9.0e5 against e^11.43 + e^4 ≈ 9.2e4 for class 1: class 0. At τ = 10 class 0
     * gets e^0.096 = 1.101 against e^0.080 + e^0.028 = 2.112: class 1. With k = 1 only b0 votes: class 0. Query
     * (0.8, 0.6): nearest b2 (0.96), b0 (0.80), b1 (0.60); at τ = 0.5 class 1 gets e^1.92 + e^1.2 = 10.14 against
     * e^1.6 = 4.95 for class 0.
     */
    @Test
    void weightedVoteOfTheNearestNeighbours() {
        INDArray q = Nd4j.create(new float[][] {{0.96f, 0.28f}, {0.8f, 0.6f}});
        assertArrayEquals(new int[] {0, 1}, KnnProbe.predict(BANK, LABELS, 2, q, 3, 0.07));
        assertArrayEquals(new int[] {1, 1}, KnnProbe.predict(BANK, LABELS, 2, q, 3, 10));
        assertArrayEquals(new int[] {0, 1}, KnnProbe.predict(BANK, LABELS, 2, q, 1, 0.07));
        assertArrayEquals(new int[] {1}, KnnProbe.predict(BANK, LABELS, 2, q.getRow(1, true), 3, 0.5));
    }

    @Test
    void topKKeepsTheLargestInOrderAndTiesByIndex() {
        assertArrayEquals(new int[] {1, 0}, KnnProbe.topK(new float[] {0.5f, 0.9f, 0.5f, 0.1f}, 2));
        assertArrayEquals(new int[] {3, 1, 0, 2}, KnnProbe.topK(new float[] {0.5f, 0.9f, 0.5f, 1.0f}, 4));
    }
}
