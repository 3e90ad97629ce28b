package org.selfsup4j.augment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.selfsup4j.augment.ops.Blur;
import org.selfsup4j.augment.ops.ColourSpace;
import org.selfsup4j.augment.ops.Crop;
import org.selfsup4j.augment.ops.Enhance;
import org.selfsup4j.augment.ops.Tone;
import org.selfsup4j.core.image.Geometry;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.AugmenterFactory;

/**
 * Weak augmentations and the view augmentations of contrastive learning (SimCLR's recipe and defaults):
 * vertical flip; random resized crop (scale 0.08-1, ratio 3/4-4/3); colour jitter (brightness, contrast, saturation
 * 0.4, hue 0.1, p 0.8, in random order; saturation and hue are skipped on 1-channel images); random grayscale
 * (p 0.2); Gaussian blur (σ uniform in [sigma-min, sigma-max], default 0.1-2, p 0.5); solarization (threshold 0.5,
 * p 0.2).
 */
final class ViewFactories {
    private ViewFactories() {
    }

    static List<AugmenterFactory> all() {
        return List.of(
                new NamedAugmenterFactory("vertical-flip", "mirror top-bottom with probability p (default 0.5)",
                        c -> Settings.withProbability(Settings.probability(c, 0.5), (img, r) -> Geometry.flipVertical(img))),
                new NamedAugmenterFactory("random-resized-crop", "crop a random area share and aspect ratio, resize back", c -> {
                    double minScale = Settings.number(c, "scale-min", 0.08, 0.001, 1);
                    double maxScale = Settings.number(c, "scale-max", 1, minScale, 1);
                    double minRatio = Settings.number(c, "ratio-min", 3 / 4.0, 0.01, 100);
                    double maxRatio = Settings.number(c, "ratio-max", 4 / 3.0, minRatio, 100);
                    return Settings.withProbability(Settings.probability(c, 1),
                            (img, r) -> Crop.randomResized(img, minScale, maxScale, minRatio, maxRatio, r));
                }),
                new NamedAugmenterFactory("color-jitter", "random brightness, contrast, saturation and hue, in random order", c -> {
                    double b = Settings.number(c, "brightness", 0.4, 0, 1);
                    double ct = Settings.number(c, "contrast", 0.4, 0, 1);
                    double s = Settings.number(c, "saturation", 0.4, 0, 1);
                    double h = Settings.number(c, "hue", 0.1, 0, 0.5);
                    return Settings.withProbability(Settings.probability(c, 0.8), (img, r) -> {
                        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
                        Collections.shuffle(order, r);
                        Image out = img;
                        for (int op : order) {
                            out = switch (op) {
                                case 0 -> Enhance.brightness(out, (float) uniform(r, Math.max(0, 1 - b), 1 + b));
                                case 1 -> Enhance.contrast(out, (float) uniform(r, Math.max(0, 1 - ct), 1 + ct));
                                case 2 -> out.channels() == 3 ? Enhance.color(out, (float) uniform(r, Math.max(0, 1 - s), 1 + s)) : out;
                                default -> out.channels() == 3 ? ColourSpace.hue(out, (float) uniform(r, -h, h)) : out;
                            };
                        }
                        return out;
                    });
                }),
                new NamedAugmenterFactory("random-grayscale", "replace colour by luma with probability p (default 0.2)",
                        c -> Settings.withProbability(Settings.probability(c, 0.2), (img, r) -> ColourSpace.grayscale(img))),
                new NamedAugmenterFactory("gaussian-blur", "blur with sigma uniform in [sigma-min, sigma-max] (default 0.1-2), p 0.5", c -> {
                    double lo = Settings.number(c, "sigma-min", 0.1, 0, 50);
                    double hi = Settings.number(c, "sigma-max", 2.0, lo, 50);
                    return Settings.withProbability(Settings.probability(c, 0.5),
                            (img, r) -> Blur.gaussian(img, uniform(r, lo, hi)));
                }),
                new NamedAugmenterFactory("solarization", "solarize at threshold (default 0.5) with probability p (default 0.2)", c -> {
                    float t = (float) Settings.number(c, "threshold", 0.5, 0, 1);
                    return Settings.withProbability(Settings.probability(c, 0.2), (img, r) -> Tone.solarize(img, t));
                }));
    }

    static double uniform(java.util.Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

}
