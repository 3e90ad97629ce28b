package org.selfsup4j.augment;

import java.util.List;
import java.util.function.BiFunction;
import org.selfsup4j.augment.ops.Affine;
import org.selfsup4j.augment.ops.Cutout;
import org.selfsup4j.augment.ops.Enhance;
import org.selfsup4j.augment.ops.Tone;
import org.selfsup4j.augment.policy.LeveledOp;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.AugmenterFactory;

/**
 * The RandAugment operations as single augmenters with explicit parameters (formulas in {@code ops.Tone},
 * {@code ops.Enhance}, {@code ops.Affine}, {@code ops.Cutout}). Every one takes {@code p} (probability, default 1).
 * Directional ones (rotate, shear, translate) take {@code random-sign} (default true) and {@code fill} (value for
 * pixels moved in from outside, default 0.5).
 */
final class OperationFactories {
    private OperationFactories() {
    }

    static List<AugmenterFactory> all() {
        return List.of(
                simple("identity", "returns the image unchanged", img -> img),
                simple("auto-contrast", "stretch each channel to [0, 1] (PIL autocontrast)", Tone::autoContrast),
                simple("equalize", "histogram equalisation per channel on 256 levels (PIL equalize)", Tone::equalize),
                simple("invert", "v -> 1 - v", Tone::invert),
                new NamedAugmenterFactory("rotate", "rotate by degrees (0-180, default 30) about the centre", c -> {
                    double degrees = Settings.number(c, "degrees", 30, 0, 180);
                    boolean sign = c.getBoolean("random-sign", true);
                    float fill = (float) Settings.number(c, "fill", 0.5, 0, 1);
                    return Settings.withProbability(Settings.probability(c, 1), (img, r) ->
                            Affine.rotate(img, sign ? LeveledOp.randomSign(degrees, r) : degrees, fill));
                }),
                directional("shear-x", "shear horizontally by shear (0-1, default 0.3)", "shear", 0.3, 1,
                        (img, v) -> Affine.shearX(img, v[0], v[1])),
                directional("shear-y", "shear vertically by shear (0-1, default 0.3)", "shear", 0.3, 1,
                        (img, v) -> Affine.shearY(img, v[0], v[1])),
                directional("translate-x", "move horizontally by fraction (0-1, default 0.3) of the width", "fraction", 0.3, 1,
                        (img, v) -> Affine.translate(img, (int) (v[0] * img.width()), 0, v[1])),
                directional("translate-y", "move vertically by fraction (0-1, default 0.3) of the height", "fraction", 0.3, 1,
                        (img, v) -> Affine.translate(img, 0, (int) (v[0] * img.height()), v[1])),
                new NamedAugmenterFactory("solarize", "invert values >= threshold (0-1, default 0.5)", c -> {
                    float t = (float) Settings.number(c, "threshold", 0.5, 0, 1);
                    return Settings.withProbability(Settings.probability(c, 1), (img, r) -> Tone.solarize(img, t));
                }),
                new NamedAugmenterFactory("posterize", "keep the top bits (1-8, default 4) of each 8-bit value", c -> {
                    int bits = Settings.whole(c, "bits", 4, 1, 8);
                    return Settings.withProbability(Settings.probability(c, 1), (img, r) -> Tone.posterize(img, bits));
                }),
                enhance("brightness", "scale values by factor (0-3, default 1.5)", Enhance::brightness, false),
                enhance("contrast", "blend with the mean luma by factor (0-3, default 1.5)", Enhance::contrast, false),
                enhance("sharpness", "blend with a smoothed image by factor (0-3, default 1.5)", Enhance::sharpness, false),
                enhance("color", "saturation: blend with the gray image by factor (0-3, default 1.5); 3 channels", Enhance::color, true),
                new NamedAugmenterFactory("cutout", "fill a square of size (0-1 of the shorter side, default 0.5) at a random centre", c -> {
                    double size = Settings.number(c, "size", 0.5, 0, 1);
                    float fill = (float) Settings.number(c, "fill", 0.5, 0, 1);
                    return Settings.withProbability(Settings.probability(c, 1), (img, r) -> {
                        int side = (int) Math.round(size * Math.min(img.height(), img.width()));
                        return Cutout.apply(img, r.nextInt(img.height()), r.nextInt(img.width()), side, fill);
                    });
                }));
    }

    private static AugmenterFactory simple(String name, String description, java.util.function.UnaryOperator<Image> op) {
        return new NamedAugmenterFactory(name, description,
                c -> Settings.withProbability(Settings.probability(c, 1), (img, r) -> op.apply(img)));
    }

    /** An operation with a signed magnitude; {@code op} gets {magnitude (signed), fill}. */
    private static AugmenterFactory directional(String name, String description, String key, double defaultValue,
                                                double max, BiFunction<Image, float[], Image> op) {
        return new NamedAugmenterFactory(name, description, c -> {
            double magnitude = Settings.number(c, key, defaultValue, 0, max);
            boolean sign = c.getBoolean("random-sign", true);
            float fill = (float) Settings.number(c, "fill", 0.5, 0, 1);
            return Settings.withProbability(Settings.probability(c, 1), (img, r) -> op.apply(img,
                    new float[] {(float) (sign ? LeveledOp.randomSign(magnitude, r) : magnitude), fill}));
        });
    }

    private static AugmenterFactory enhance(String name, String description, BiFunction<Image, Float, Image> op,
                                            boolean needsColour) {
        return new NamedAugmenterFactory(name, description, c -> {
            float factor = (float) Settings.number(c, "factor", 1.5, 0, 3);
            return Settings.withProbability(Settings.probability(c, 1), (img, r) -> {
                if (needsColour && img.channels() != 3) {
                    throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "The augmenter [" + name + "] needs 3-channel "
                            + "images, got " + img.channels() + " channel(s); it has no meaning on gray images");
                }
                return op.apply(img, factor);
            });
        });
    }
}
