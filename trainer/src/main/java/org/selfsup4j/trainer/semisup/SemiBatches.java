package org.selfsup4j.trainer.semisup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.trainer.data.EpochSampler;
import org.selfsup4j.trainer.data.Seeds;

/**
 * Makes {@link SemiBatch}es: labeled and unlabeled examples each walk their own seeded epochs; batch k's augmentation
 * draws from stream k of the seed. A pure function of k, safe on many worker threads. With an unlabeled batch of 0
 * (the labels-only baseline) batches carry labeled images only.
 */
public final class SemiBatches {
    private final LabeledImages labeled;
    private final List<Image> unlabeled;
    private final Augmenter labeledAugment;
    private final Augmenter sourceAugment;
    private final Augmenter strongAugment;
    private final EpochSampler labeledSampler;
    private final EpochSampler unlabeledSampler;
    private final long seed;

    public SemiBatches(LabeledImages labeled, List<Image> unlabeled, int labeledBatch, int unlabeledBatch,
                       Augmenter labeledAugment, Augmenter sourceAugment, Augmenter strongAugment, long seed) {
        this.labeled = Objects.requireNonNull(labeled, "labeled is null");
        this.unlabeled = List.copyOf(unlabeled);
        this.labeledAugment = Objects.requireNonNull(labeledAugment, "labeledAugment is null");
        this.sourceAugment = Objects.requireNonNull(sourceAugment, "sourceAugment is null");
        this.strongAugment = Objects.requireNonNull(strongAugment, "strongAugment is null");
        this.labeledSampler = new EpochSampler(labeled.size(), labeledBatch, seed);
        this.unlabeledSampler = unlabeledBatch == 0 ? null : new EpochSampler(this.unlabeled.size(), unlabeledBatch, seed + 1);
        this.seed = seed;
    }

    public SemiBatch batch(long index) {
        Random random = Seeds.stream(seed, 5, index);
        int[] li = labeledSampler.indices(index);
        List<Image> lab = new ArrayList<>(li.length);
        int[] labels = new int[li.length];
        for (int k = 0; k < li.length; k++) {
            lab.add(labeledAugment.apply(labeled.image(li[k]), random));
            labels[k] = labeled.label(li[k]);
        }
        if (unlabeledSampler == null) {
            return new SemiBatch(Batches.features(lab), Batches.oneHot(labels, labeled.numClasses()), labels, null, null);
        }
        int[] ui = unlabeledSampler.indices(index);
        List<Image> source = new ArrayList<>(ui.length);
        List<Image> strong = new ArrayList<>(ui.length);
        for (int i : ui) {
            Image image = unlabeled.get(i);
            source.add(sourceAugment.apply(image, random));
            strong.add(strongAugment.apply(image, random));
        }
        return new SemiBatch(Batches.features(lab), Batches.oneHot(labels, labeled.numClasses()), labels,
                Batches.features(source), Batches.features(strong));
    }
}
