package org.selfsup4j.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenter;

/** Batches for supervised training: labeled images through an augmenter, with one-hot labels. */
public final class LabeledBatches implements BatchProducer {
    private final LabeledImages data;
    private final Augmenter augmenter;
    private final EpochSampler sampler;
    private final long seed;

    public LabeledBatches(LabeledImages data, Augmenter augmenter, int batchSize, long seed) {
        this.data = Objects.requireNonNull(data, "data is null");
        this.augmenter = Objects.requireNonNull(augmenter, "augmenter is null");
        this.sampler = new EpochSampler(data.size(), batchSize, seed);
        this.seed = seed;
    }

    @Override
    public DataSet batch(long index) {
        int[] idx = sampler.indices(index);
        Random random = Seeds.stream(seed, 2, index);
        List<Image> picked = new ArrayList<>(idx.length);
        int[] labels = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            picked.add(augmenter.apply(data.image(idx[k]), random));
            labels[k] = data.label(idx[k]);
        }
        return new DataSet(Batches.features(picked), Batches.oneHot(labels, data.numClasses()));
    }
}
