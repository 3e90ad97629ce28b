package org.selfsup4j.augment.ops;

import java.util.Random;
import org.selfsup4j.core.image.Image;

/**
 * Noise corruptions (as in Hendrycks and Dietterich's ImageNet-C), all clipped to [0, 1]:
 * <ul>
 * <li>{@link #gaussian}: v + N(0, σ²) per value.</li>
 * <li>{@link #shot}: Poisson(v × photons) / photons per value (photon noise; fewer photons, more noise).</li>
 * <li>{@link #impulse}: each pixel position independently becomes 0 or 1 (equally likely) in all channels with
 *     probability {@code amount} (salt and pepper).</li>
 * </ul>
 */
public final class Noise {
    private Noise() {
    }

    public static Image gaussian(Image image, double sigma, Random random) {
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = Pixels.clip((float) (src[i] + sigma * random.nextGaussian()));
        }
        return Pixels.like(image, out);
    }

    public static Image shot(Image image, double photons, Random random) {
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = Pixels.clip((float) (poisson(src[i] * photons, random) / photons));
        }
        return Pixels.like(image, out);
    }

    public static Image impulse(Image image, double amount, Random random) {
        int hw = image.height() * image.width();
        float[] out = image.pixels().clone();
        for (int i = 0; i < hw; i++) {
            if (random.nextDouble() < amount) {
                float v = random.nextBoolean() ? 1f : 0f;
                for (int c = 0; c < image.channels(); c++) {
                    out[c * hw + i] = v;
                }
            }
        }
        return Pixels.like(image, out);
    }

    /** Knuth's method for small means, a normal approximation for large ones. */
    static double poisson(double mean, Random random) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
