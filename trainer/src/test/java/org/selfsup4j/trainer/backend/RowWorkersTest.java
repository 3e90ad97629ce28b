package org.selfsup4j.trainer.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Every example is visited exactly once, by a worker index in range, and a worker's failure reaches the caller. */
class RowWorkersTest {
    @Test
    void coversEveryRowOnceForAnyBatchSize() {
        for (int n : new int[] {1, 2, 3, 7, 64, 129}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(n);
            RowWorkers.forRows(n, (from, to, worker) -> {
                assertTrue(worker >= 0 && worker < RowWorkers.THREADS, "worker " + worker);
                assertTrue(from < to, "empty block " + from + ".." + to);
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, seen.get(i), "n=" + n + " row " + i);
            }
        }
    }

    @Test
    void aWorkersFailureIsThrownToTheCaller() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        int n = 4 * RowWorkers.THREADS;
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> RowWorkers.forRows(n, (from, to, worker) -> {
            if (to == n) {
                throw boom;
            }
        }));
        assertSame(boom, thrown);
    }
}
