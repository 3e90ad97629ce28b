package org.selfsup4j.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;

/** Batches for pretraining: {@code batchSize} unlabeled images per batch, turned into inputs and targets by the task. */
public final class PretextBatches implements BatchProducer {
    private final List<Image> images;
    private final PretextTask task;
    private final EpochSampler sampler;
    private final long seed;

    public PretextBatches(List<Image> images, PretextTask task, int batchSize, long seed) {
        this.images = List.copyOf(images);
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
        Random random = Seeds.stream(seed, 1, index);
        PretextBatch b = task.makeBatch(picked, random);
        return new DataSet(Batches.features(b.inputs()), Batches.rows(b.targets()));
    }
}
