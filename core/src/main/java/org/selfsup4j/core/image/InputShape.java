package org.selfsup4j.core.image;

import java.util.List;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/** The shape of a network input image: channels × height × width, written "1x28x28". */
public record InputShape(int channels, int height, int width) {
    public InputShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    /** Parses "CxHxW", for example "1x28x28" or "3x32x32". */
    public static InputShape parse(String text) {
        String[] parts = text.trim().toLowerCase().split("x");
        try {
            if (parts.length == 3) {
                return new InputShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the error below
        }
        throw new SelfSupException(ErrorCode.BAD_ARGUMENT,
                "Bad input shape [" + text + "], expected CHANNELSxHEIGHTxWIDTH such as 1x28x28 or 3x32x32",
                text, List.of(), null);
    }

    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
