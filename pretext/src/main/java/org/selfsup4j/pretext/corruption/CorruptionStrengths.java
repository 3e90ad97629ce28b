package org.selfsup4j.pretext.corruption;

import java.util.Map;

/**
 * The settings at which the corruption task applies each built-in corruption: always (p=1) and strong enough to be
 * visible on the data, checked by eye on Fashion-MNIST (28 px) and on 200–720 px photos with
 * {@code selfsup pretext-preview --task corruption}. Sizes scale with the image's shorter side s: pixelation in
 * blocks of max(2, round(s/10)) px, blur with σ from s/28 to s/20 (1 to 1.4 px at 28 px). The rest follow
 * ImageNet-C's middle severities on [0, 1] images: Gaussian noise σ 0.08, shot noise at 60 photons, impulse noise on
 * 5 % of pixels, JPEG quality 10, contrast factor 0.4, brightness factor 1.6. Names not listed here (plugin
 * augmenters) get no settings of ours.
 */
final class CorruptionStrengths {
    private CorruptionStrengths() {
    }

    /** The default settings of {@code name} for images whose shorter side is {@code side}. */
    static Map<String, String> forSide(String name, int side) {
        return switch (name) {
            case "gaussian-noise" -> Map.of("sigma", "0.08");
            case "shot-noise" -> Map.of("photons", "60");
            case "impulse-noise" -> Map.of("amount", "0.05");
            case "pixelate" -> Map.of("block", String.valueOf(Math.max(2, Math.round(side / 10.0))));
            case "jpeg" -> Map.of("quality", "10");
            case "gaussian-blur" -> Map.of("p", "1", "sigma-min", format(side / 28.0), "sigma-max", format(side / 20.0));
            case "contrast" -> Map.of("factor", "0.4");
            case "brightness" -> Map.of("factor", "1.6");
            default -> Map.of();
        };
    }

    private static String format(double v) {
        return String.valueOf(Math.round(v * 1000) / 1000.0);
    }
}
