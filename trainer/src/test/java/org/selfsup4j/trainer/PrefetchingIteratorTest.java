package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.data.EpochSampler;
import org.selfsup4j.trainer.data.LabeledBatches;
import org.selfsup4j.trainer.data.PrefetchingIterator;
import org.selfsup4j.trainer.plugin.Catalog;

class PrefetchingIteratorTest {
    static List<DataSet> drain(int workers) {
        var data = TestData.blobs(50, 1, 12, 3);
        var producer = new LabeledBatches(data, AugmentPipeline.parse("pad-crop(pad=2),horizontal-flip", Catalog.discover()), 16, 9);
        List<DataSet> out = new ArrayList<>();
        try (PrefetchingIterator it = new PrefetchingIterator(producer, 0, 10, 16, workers, 3)) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    @Test
    void batchesAreTheSameWhateverTheNumberOfWorkers() {
        List<DataSet> one = drain(1);
        List<DataSet> three = drain(3);
        assertEquals(10, one.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).getFeatures(), three.get(i).getFeatures(), "batch " + i);
            assertEquals(one.get(i).getLabels(), three.get(i).getLabels(), "batch " + i);
        }
    }

    @Test
    void stopRequestEndsIterationAfterTheCurrentBatch() {
        var producer = new LabeledBatches(TestData.blobs(20, 1, 8, 2), AugmentPipeline.identity(), 4, 1);
        AtomicBoolean stop = new AtomicBoolean();
        try (PrefetchingIterator it = new PrefetchingIterator(producer, 0, 100, 4, 2, 4, stop::get)) {
            it.next();
            it.next();
            stop.set(true);
            assertFalse(it.hasNext());
        }
    }

    @Test
    void everyEpochVisitsEveryExampleOnceAndBatchesWrapAcrossEpochs() {
        EpochSampler s = new EpochSampler(10, 4, 3);
        int[] seen = new int[10];
        // batches 0..4 cover positions 0..19 = two whole epochs
        for (int b = 0; b < 5; b++) {
            for (int i : s.indices(b)) {
                seen[i]++;
            }
        }
        for (int count : seen) {
            assertEquals(2, count);
        }
    }
}
