package org.selfsup4j.core.image;

import java.util.Objects;

/**
 * Stored images seen through an {@link ImageConversion}: each image is converted when it is asked for, so a data set
 * converted for a model (colorization's lightness channel) costs no more memory than the data set itself. Shapes come
 * from the source without decoding; {@link #select} keeps the conversion and shares the source's storage.
 */
public final class ConvertedImages extends StoredImages {
    private final StoredImages source;
    private final ImageConversion conversion;

    public ConvertedImages(StoredImages source, ImageConversion conversion) {
        this.source = Objects.requireNonNull(source, "source is null");
        this.conversion = Objects.requireNonNull(conversion, "conversion is null");
    }

    @Override
    public Image get(int index) {
        return conversion.apply(source.get(index));
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public InputShape shape(int index) {
        return conversion.apply(source.shape(index));
    }

    @Override
    public StoredImages select(int[] indices) {
        return new ConvertedImages(source.select(indices), conversion);
    }
}
