package org.selfsup4j.core.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * One image: a {@code float[]} in CHW layout (channel-major, then rows, then columns), values in [0, 1].
 *
 * <p>Images are values: nothing in selfsup4j writes into an image's array after construction, and augmenters return
 * new images. {@link #pixels()} hands out the backing array without a copy so that batching is one
 * {@code System.arraycopy}; callers must treat it as read-only. Instances are therefore safe to share between
 * threads.
 */
public final class Image {
    private final int channels;
    private final int height;
    private final int width;
    private final float[] data;

    /** Wraps {@code data} (not copied); its length must be channels × height × width. */
    public Image(int channels, int height, int width, float[] data) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
        Objects.requireNonNull(data, "data is null");
        if (data.length != channels * height * width) {
            throw new IllegalArgumentException("data has " + data.length + " values, expected " + channels + "x"
                    + height + "x" + width + " = " + channels * height * width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = data;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public InputShape shape() {
        return new InputShape(channels, height, width);
    }

    /** The value at channel c, row y, column x. */
    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    /** The backing CHW array, not a copy: read-only by contract. */
    public float[] pixels() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && channels == other.channels && height == other.height
                && width == other.width && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(channels, height, width) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Image[" + channels + "x" + height + "x" + width + "]";
    }
}
