package org.selfsup4j.trainer.semisup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfSupException;

/** Distribution alignment against values worked out by hand. */
class DistributionAlignmentTest {

    @Test
    void scalesEachClassByLabeledShareOverRunningMeanPrediction() {
        DistributionAlignment a = new DistributionAlignment(new int[] {10, 10});
        a.observe(new float[][] {{0.8f, 0.2f}, {0.6f, 0.4f}});   // batch mean (0.7, 0.3)
        assertArrayEquals(new double[] {0.7, 0.3}, a.modelMarginal(), 1e-7);
        float[] q = new float[2];
        a.align(new float[] {0.5f, 0.5f}, q);
        // 0.5·0.5/0.7 = 0.357143, 0.5·0.5/0.3 = 0.833333, sum 1.190476 -> (0.3, 0.7)
        assertArrayEquals(new float[] {0.3f, 0.7f}, q, 1e-6f);
        float[] inPlace = {0.7f, 0.3f};
        a.align(inPlace, inPlace);   // the mean prediction itself becomes the labeled marginal
        assertArrayEquals(new float[] {0.5f, 0.5f}, inPlace, 1e-6f);
        float[][] batch = {{0.5f, 0.5f}, {0.5f, 0.5f}};   // window (0.7, 0.3) and (0.5, 0.5): p̃ = (0.6, 0.4)
        a.observeAndAlign(batch);   // 0.25/0.6 = 0.416667, 0.25/0.4 = 0.625 -> (0.4, 0.6)
        assertArrayEquals(new float[] {0.4f, 0.6f}, batch[0], 1e-6f);
        assertArrayEquals(new float[] {0.4f, 0.6f}, batch[1], 1e-6f);
    }

    @Test
    void theLabeledMarginalComesFromTheClassCounts() {
        DistributionAlignment a = new DistributionAlignment(new int[] {3, 1});
        float[] q = new float[2];
        a.align(new float[] {0.2f, 0.8f}, q);   // nothing observed: p̃ = p(y), no change
        assertArrayEquals(new float[] {0.2f, 0.8f}, q, 1e-6f);
        a.observe(new float[][] {{0.5f, 0.5f}});
        a.align(new float[] {0.5f, 0.5f}, q);   // (0.5·0.75/0.5, 0.5·0.25/0.5) = (0.75, 0.25)
        assertArrayEquals(new float[] {0.75f, 0.25f}, q, 1e-6f);
    }

    @Test
    void theRunningMeanCoversTheLast128BatchesOnly() {
        DistributionAlignment a = new DistributionAlignment(new int[] {1, 1});
        a.observe(new float[][] {{1f, 0f}});
        for (int i = 0; i < 127; i++) {
            a.observe(new float[][] {{0f, 1f}});
        }
        assertArrayEquals(new double[] {1.0 / 128, 127.0 / 128}, a.modelMarginal(), 1e-12);
        a.observe(new float[][] {{0f, 1f}, {0f, 1f}});   // the first batch leaves the window
        assertArrayEquals(new double[] {0, 1}, a.modelMarginal(), 1e-12);
        float[] q = new float[2];
        a.align(new float[] {0.5f, 0.5f}, q);   // a class never predicted is floored, not divided by zero
        assertTrue(Float.isFinite(q[0]) && q[0] > 0.99f, "floored class dominates: " + q[0]);
        assertEquals(1f, q[0] + q[1], 1e-6f);
    }

    @Test
    void aRestoredAlignmentContinuesAsTheOriginal() {
        DistributionAlignment original = new DistributionAlignment(new int[] {2, 1, 1});
        for (int i = 0; i < 200; i++) {
            float x = (i % 7) / 10f;
            original.observe(new float[][] {{x, 0.5f, 0.5f - x}, {0.2f, 0.3f, 0.5f}});
        }
        DistributionAlignment restored = DistributionAlignment.restore(new int[] {2, 1, 1}, original.state());
        float[][] next = {{0.1f, 0.6f, 0.3f}};
        original.observe(next);
        restored.observe(next);
        float[] a = new float[3];
        float[] b = new float[3];
        original.align(new float[] {0.3f, 0.3f, 0.4f}, a);
        restored.align(new float[] {0.3f, 0.3f, 0.4f}, b);
        assertArrayEquals(a, b, 0f);
        assertArrayEquals(original.modelMarginal(), restored.modelMarginal(), 0);
    }

    @Test
    void mismatchedClassesAndEmptyLabelsAreErrors() {
        DistributionAlignment a = new DistributionAlignment(new int[] {1, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> a.observe(new float[][] {{0.5f, 0.5f}}));
        assertThrows(IllegalArgumentException.class, () -> a.align(new float[] {0.5f, 0.5f}, new float[2]));
        assertThrows(SelfSupException.class, () -> new DistributionAlignment(new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> DistributionAlignment.restore(new int[] {1, 1}, a.state()));
    }
}
