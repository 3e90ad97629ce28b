package org.selfsup4j.core.image;

import java.util.List;
import java.util.Locale;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * A conversion every image goes through before a model's backbone sees it, recorded with the model so that
 * fine-tuning, probing and evaluation apply it by themselves.
 */
public enum ImageConversion {
    /** The images as they are. */
    NONE,
    /**
     * CIE lightness L* / 100 as one channel (colorization's backbones): from sRGB for 3-channel images, from the gray
     * level (as r = g = b) for 1-channel ones.
     */
    LIGHTNESS;

    /** The name saved with a model: {@code none} or {@code lightness}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The conversion saved as {@code id}; fails naming the known ones. */
    public static ImageConversion ofId(String id) {
        for (ImageConversion c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new SelfSupException(ErrorCode.BAD_MODEL, "Unknown input conversion [" + id + "] in the model; known: "
                + List.of("none", "lightness"), id, List.of("none", "lightness"), null);
    }

    /** The shape of a converted image of {@code shape}. */
    public InputShape apply(InputShape shape) {
        return this == NONE ? shape : new InputShape(1, shape.height(), shape.width());
    }

    /** {@code image} converted (the image itself for {@link #NONE}). */
    public Image apply(Image image) {
        if (this == NONE) {
            return image;
        }
        int plane = image.height() * image.width();
        float[] px = image.pixels();
        float[] out = new float[plane];
        if (image.channels() == 3) {
            for (int i = 0; i < plane; i++) {
                out[i] = (float) (CieLab.fromRgb(px[i], px[plane + i], px[2 * plane + i])[0] / 100);
            }
        } else if (image.channels() == 1) {
            for (int i = 0; i < plane; i++) {
                out[i] = (float) (CieLab.lightnessOfGray(px[i]) / 100);
            }
        } else {
            throw new SelfSupException(ErrorCode.WRONG_CHANNELS, "Lightness needs 1- or 3-channel images, got "
                    + image.shape(), String.valueOf(image.channels()), List.of("1", "3"), null);
        }
        return new Image(1, image.height(), image.width(), out);
    }
}
