package org.selfsup4j.core.image;

import java.util.List;
import java.util.Objects;

/**
 * An immutable list of images held in their stored precision: an image whose every value is {@code v / 255f} for an
 * integer {@code v} in [0, 255] (what an 8-bit PNG, JPEG, BMP or IDX file decodes to) is kept as one byte per value,
 * a quarter of its {@code float[]}; one whose values are all {@code v / 65535f} (a 16-bit PNG) as two bytes per value;
 * any other image (windowed DICOM, resized) as floats. {@link #get} returns an {@link Image} equal, value for value,
 * to the one packed (each level is checked to convert back exactly when packing), on a fresh array.
 *
 * <p>How data sets are held in memory ({@link #of} is the packing {@code List.copyOf}): 60,000 Fashion-MNIST images
 * take 60,000 × 784 bytes = 47 MB instead of 188 MB as floats. Safe to share between threads.
 */
public final class PackedImages extends StoredImages {
    private static final PackedImages EMPTY = new PackedImages(new Object[0], new int[0][]);

    /** Per image: a {@code byte[]} (8-bit values) or a {@code float[]}. */
    private final Object[] values;
    /** Per image: channels, height, width. */
    private final int[][] shapes;

    private PackedImages(Object[] values, int[][] shapes) {
        this.values = values;
        this.shapes = shapes;
    }

    /**
     * {@code images}, packed; {@code images} itself when it is already a {@code PackedImages}. Like
     * {@code List.copyOf}, later changes to {@code images} do not show, and null elements are refused.
     */
    public static PackedImages of(List<Image> images) {
        Objects.requireNonNull(images, "images is null");
        if (images instanceof PackedImages packed) {
            return packed;
        }
        if (images.isEmpty()) {
            return EMPTY;
        }
        Builder b = new Builder(images.size());
        for (Image image : images) {
            b.add(image);
        }
        return b.build();
    }

    /** An empty builder expecting about {@code expected} images. */
    public static Builder builder(int expected) {
        return new Builder(expected);
    }

    /** Packs images one by one, so that a reader need not hold them all as floats first. Not thread-safe. */
    public static final class Builder {
        private Object[] values;
        private int[][] shapes;
        private int size;

        private Builder(int expected) {
            values = new Object[Math.max(expected, 4)];
            shapes = new int[values.length][];
        }

        /** Adds {@code image} (packed now; the image is not kept). */
        public Builder add(Image image) {
            Objects.requireNonNull(image, "image is null");
            return append(pack(image.pixels()), new int[] {image.channels(), image.height(), image.width()});
        }

        /** Adds image {@code index} of {@code source} as it is stored there (no conversion). */
        public Builder add(PackedImages source, int index) {
            Objects.checkIndex(index, source.values.length);
            return append(source.values[index], source.shapes[index]);
        }

        private Builder append(Object stored, int[] shape) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
                shapes = java.util.Arrays.copyOf(shapes, size * 2);
            }
            values[size] = stored;
            shapes[size] = shape;
            size++;
            return this;
        }

        public PackedImages build() {
            return new PackedImages(java.util.Arrays.copyOf(values, size), java.util.Arrays.copyOf(shapes, size));
        }
    }

    /**
     * A {@code byte[]} if every value is an exact 8-bit level {@code v / 255f}, else a {@code char[]} (unsigned 16-bit)
     * if every value is an exact 16-bit level {@code v / 65535f}, otherwise a copy of the floats.
     */
    static Object pack(float[] px) {
        byte[] bytes = new byte[px.length];
        int i = 0;
        for (; i < px.length; i++) {
            float f = px[i];
            int v = Math.round(f * 255f);
            if (v < 0 || v > 255 || v / 255f != f) {
                break;
            }
            bytes[i] = (byte) v;
        }
        if (i == px.length) {
            return bytes;
        }
        char[] shorts = new char[px.length];
        for (i = 0; i < px.length; i++) {
            float f = px[i];
            int v = Math.round(f * 65535f);
            if (v < 0 || v > 65535 || v / 65535f != f) {
                return px.clone();
            }
            shorts[i] = (char) v;
        }
        return shorts;
    }

    @Override
    public Image get(int index) {
        Objects.checkIndex(index, values.length);
        int[] s = shapes[index];
        Object v = values[index];
        float[] px;
        if (v instanceof byte[] bytes) {
            px = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                px[i] = (bytes[i] & 0xFF) / 255f;
            }
        } else if (v instanceof char[] shorts) {
            px = new float[shorts.length];
            for (int i = 0; i < shorts.length; i++) {
                px[i] = shorts[i] / 65535f;
            }
        } else {
            px = ((float[]) v).clone();
        }
        return new Image(s[0], s[1], s[2], px);
    }

    @Override
    public InputShape shape(int index) {
        int[] s = shapes[index];
        return new InputShape(s[0], s[1], s[2]);
    }

    @Override
    public PackedImages select(int[] indices) {
        Object[] v = new Object[indices.length];
        int[][] sh = new int[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            Objects.checkIndex(indices[k], values.length);
            v[k] = values[indices[k]];
            sh[k] = shapes[indices[k]];
        }
        return new PackedImages(v, sh);
    }

    @Override
    public int size() {
        return values.length;
    }

    /** How many images are held as 8-bit, 16-bit and 32-bit (float) values: {@code [bytes, shorts, floats]}. */
    public int[] precisionCounts() {
        int[] n = new int[3];
        for (Object v : values) {
            n[v instanceof byte[] ? 0 : v instanceof char[] ? 1 : 2]++;
        }
        return n;
    }

    /** Bytes of pixel storage (not counting per-image overhead). */
    public long storedBytes() {
        long total = 0;
        for (Object v : values) {
            total += v instanceof byte[] b ? b.length : v instanceof char[] c ? 2L * c.length : 4L * ((float[]) v).length;
        }
        return total;
    }
}
