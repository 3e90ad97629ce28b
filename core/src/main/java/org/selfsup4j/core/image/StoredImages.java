package org.selfsup4j.core.image;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable, random-access list of images that a data set is held in: {@link PackedImages} (in memory, in the
 * images' stored precision) or {@code FileImages} (on disk, decoded when asked for). {@link #get} returns a fresh
 * {@link Image} each time; {@link #select} and {@link #subList} share the storage instead of copying images.
 */
public abstract class StoredImages extends AbstractList<Image> implements RandomAccess {
    /** {@code images} itself if it is stored images already, otherwise its images packed into memory. */
    public static StoredImages of(List<Image> images) {
        Objects.requireNonNull(images, "images is null");
        return images instanceof StoredImages stored ? stored : PackedImages.of(images);
    }

    /** The shape of image {@code index}, without decoding or unpacking it. */
    public abstract InputShape shape(int index);

    /** The images at {@code indices}, in that order, sharing this list's storage. */
    public abstract StoredImages select(int[] indices);

    @Override
    public StoredImages subList(int fromIndex, int toIndex) {
        Objects.checkFromToIndex(fromIndex, toIndex, size());
        int[] range = new int[toIndex - fromIndex];
        for (int i = 0; i < range.length; i++) {
            range[i] = fromIndex + i;
        }
        return select(range);
    }
}
