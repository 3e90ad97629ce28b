package org.selfsup4j.core.data;

import java.util.List;
import java.util.Objects;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.image.StoredImages;

/**
 * Images of one shape with a class index each, and the class names those indices stand for. Immutable; the images
 * are {@link StoredImages}: in memory in their stored precision, or on disk and decoded when a batch needs them.
 */
public final class LabeledImages {
    private final StoredImages images;
    private final int[] labels;
    private final List<String> classNames;

    public LabeledImages(List<Image> images, int[] labels, List<String> classNames) {
        this.images = StoredImages.of(images);
        this.labels = Objects.requireNonNull(labels, "labels is null").clone();
        this.classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames is null"));
        if (this.images.size() != this.labels.length) {
            throw new IllegalArgumentException(this.images.size() + " images but " + this.labels.length + " labels");
        }
        for (int label : this.labels) {
            if (label < 0 || label >= this.classNames.size()) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (this.classNames.size() - 1));
            }
        }
        if (this.images.isEmpty()) {
            throw new SelfSupException(ErrorCode.EMPTY_DATA, "No labeled images");
        }
    }

    public int size() {
        return images.size();
    }

    public Image image(int i) {
        return images.get(i);
    }

    public int label(int i) {
        return labels[i];
    }

    public StoredImages images() {
        return images;
    }

    /** A copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }

    public List<String> classNames() {
        return classNames;
    }

    public int numClasses() {
        return classNames.size();
    }

    public InputShape shape() {
        return images.shape(0);
    }

    /** The examples at {@code indices}, in that order. */
    public LabeledImages subset(int[] indices) {
        int[] pickedLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            pickedLabels[k] = labels[indices[k]];
        }
        return new LabeledImages(images.select(indices), pickedLabels, classNames);
    }

    /** The first {@code n} examples (all of them if there are fewer). */
    public LabeledImages head(int n) {
        int m = Math.min(n, size());
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        return subset(idx);
    }

    /** Number of examples per class. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
