package org.selfsup4j.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.dataset.DataSet;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.StoredImages;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;

/**
 * Batches for pretraining: {@code batchSize} unlabeled images per batch, turned into inputs and targets by the task.
 * The task's inputs (several per example for a siamese task) become one NCHW array, its targets an array of shape
 * {@code [examples, target shape...]} and its mask, if any, DL4J's label mask of the matching shape.
 */
public final class PretextBatches implements BatchProducer {
    private final List<Image> images;
    private final PretextTask task;
    private final EpochSampler sampler;
    private final long seed;

    public PretextBatches(List<Image> images, PretextTask task, int batchSize, long seed) {
        this.images = StoredImages.of(images);
        this.task = Objects.requireNonNull(task, "task is null");
        this.sampler = new EpochSampler(this.images.size(), batchSize, seed);
        this.seed = seed;
    }

    @Override
    public DataSet batch(long index) {
        int[] idx = sampler.indices(index);
        List<Image> picked = new ArrayList<>(idx.length);
        for (int i : idx) {
            picked.add(images.get(i));
        }
        return toDataSet(task.makeBatch(picked, Seeds.stream(seed, 1, index)));
    }

    /** The arrays DL4J trains on for one pretext batch. */
    public static DataSet toDataSet(PretextBatch b) {
        return new DataSet(Batches.features(b.inputs()), Batches.stack(b.targets()), null,
                b.mask() == null ? null : Batches.stack(b.mask()));
    }
}
