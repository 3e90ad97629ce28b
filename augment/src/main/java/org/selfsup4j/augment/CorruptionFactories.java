package org.selfsup4j.augment;

import java.util.List;
import org.selfsup4j.augment.ops.JpegQuantize;
import org.selfsup4j.augment.ops.Noise;
import org.selfsup4j.augment.ops.Pixelate;
import org.selfsup4j.core.spi.AugmenterFactory;

/**
 * Corruptions for the corruption-classification pretext task (after ImageNet-C): Gaussian, shot (Poisson) and
 * impulse (salt-and-pepper) noise, pixelation and JPEG-like quantisation. Blur, contrast loss and brightness are the
 * {@code gaussian-blur}, {@code contrast} and {@code brightness} augmenters with fixed settings.
 */
final class CorruptionFactories {
    private CorruptionFactories() {
    }

    static List<AugmenterFactory> all() {
        return List.of(
                new NamedAugmenterFactory("gaussian-noise", "add N(0, sigma^2) noise (sigma 0-1, default 0.08)", c -> {
                    double sigma = Settings.number(c, "sigma", 0.08, 0, 1);
                    return Settings.withProbability(Settings.probability(c, 1), (img, r) -> Noise.gaussian(img, sigma, r));
                }),
                new NamedAugmenterFactory("shot-noise", "Poisson photon noise (photons 1-10000, default 60)", c -> {
                    double photons = Settings.number(c, "photons", 60, 1, 10000);
                    return Settings.withProbability(Settings.probability(c, 1), (img, r) -> Noise.shot(img, photons, r));
                }),
                new NamedAugmenterFactory("impulse-noise", "salt and pepper on a share amount (0-1, default 0.03) of pixels", c -> {
                    double amount = Settings.number(c, "amount", 0.03, 0, 1);
                    return Settings.withProbability(Settings.probability(c, 1), (img, r) -> Noise.impulse(img, amount, r));
                }),
                new NamedAugmenterFactory("pixelate", "average blocks of block x block pixels (1-64, default 3)", c -> {
                    int block = Settings.whole(c, "block", 3, 1, 64);
                    return Settings.withProbability(Settings.probability(c, 1), (img, r) -> Pixelate.apply(img, block));
                }),
                new NamedAugmenterFactory("jpeg", "JPEG-like 8x8 DCT quantisation at quality (1-100, default 20)", c -> {
                    int quality = Settings.whole(c, "quality", 20, 1, 100);
                    return Settings.withProbability(Settings.probability(c, 1), (img, r) -> JpegQuantize.apply(img, quality));
                }));
    }
}
