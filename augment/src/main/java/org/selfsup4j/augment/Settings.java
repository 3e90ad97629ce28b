package org.selfsup4j.augment;

import java.util.Random;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenter;

/** Range-checked settings and the probability wrapper every operation shares. */
final class Settings {
    private Settings() {
    }

    /** A number in [min, max]; outside it is an error that gives the range. */
    static double number(ComponentConfig config, String key, double defaultValue, double min, double max) {
        double v = config.getDouble(key, defaultValue);
        if (!(v >= min && v <= max)) {
            throw config.badValue(key, String.valueOf(v), "a number in [" + fmt(min) + ", " + fmt(max) + "]");
        }
        return v;
    }

    /** A whole number in [min, max]. */
    static int whole(ComponentConfig config, String key, int defaultValue, int min, int max) {
        int v = config.getInt(key, defaultValue);
        if (v < min || v > max) {
            throw config.badValue(key, String.valueOf(v), "a whole number in [" + min + ", " + max + "]");
        }
        return v;
    }

    /** The probability setting {@code p}. */
    static double probability(ComponentConfig config, double defaultValue) {
        return number(config, "p", defaultValue, 0, 1);
    }

    /** Applies {@code op} with probability p (one draw from the stream first, so streams stay aligned). */
    static Augmenter withProbability(double p, Augmenter op) {
        if (p >= 1) {
            return op;
        }
        return (Image image, Random random) -> random.nextDouble() < p ? op.apply(image, random) : image;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
