package org.selfsup4j.augment.policy;

import static org.selfsup4j.augment.policy.LeveledOp.floatParameter;
import static org.selfsup4j.augment.policy.LeveledOp.intParameter;
import static org.selfsup4j.augment.policy.LeveledOp.randomSign;

import java.util.List;
import org.selfsup4j.augment.ops.Affine;
import org.selfsup4j.augment.ops.Enhance;
import org.selfsup4j.augment.ops.Tone;

/**
 * The 14 operations of FixMatch's RandAugment (Sohn et al., 2020, table 12, as in the widely used PyTorch port's
 * {@code fixmatch_augment_pool}) with their magnitude mappings at level L ∈ [0, 10]:
 * <ul>
 * <li>AutoContrast, Equalize, Identity: no magnitude.</li>
 * <li>Brightness, Color, Contrast, Sharpness: factor L × 0.9 / 10 + 0.05 ∈ [0.05, 0.95].</li>
 * <li>Posterize: int(L × 4 / 10) + 4 bits ∈ [4, 8].</li>
 * <li>Rotate: ±int(L × 30 / 10) degrees. ShearX, ShearY: ±L × 0.3 / 10.</li>
 * <li>Solarize: threshold (256 − int(L × 256 / 10)) / 255.</li>
 * <li>TranslateX, TranslateY: ±int(L × 0.3 / 10 × W) pixels (a fraction of the width / height).</li>
 * </ul>
 * Pixels moved in from outside get {@code fill} (the port leaves them black: fill 0).
 */
public final class FixMatchOps {
    private FixMatchOps() {
    }

    public static List<LeveledOp> all(float fill) {
        return List.of(
                LeveledOp.of("auto-contrast", false, (img, l, r) -> Tone.autoContrast(img)),
                LeveledOp.of("brightness", false, (img, l, r) -> Enhance.brightness(img, factor(l))),
                LeveledOp.of("color", true, (img, l, r) -> Enhance.color(img, factor(l))),
                LeveledOp.of("contrast", false, (img, l, r) -> Enhance.contrast(img, factor(l))),
                LeveledOp.of("equalize", false, (img, l, r) -> Tone.equalize(img)),
                LeveledOp.of("identity", false, (img, l, r) -> img),
                LeveledOp.of("posterize", false, (img, l, r) -> Tone.posterize(img, intParameter(l, 4) + 4)),
                LeveledOp.of("rotate", false, (img, l, r) -> Affine.rotate(img, randomSign(intParameter(l, 30), r), fill)),
                LeveledOp.of("sharpness", false, (img, l, r) -> Enhance.sharpness(img, factor(l))),
                LeveledOp.of("shear-x", false, (img, l, r) -> Affine.shearX(img, (float) randomSign(floatParameter(l, 0.3), r), fill)),
                LeveledOp.of("shear-y", false, (img, l, r) -> Affine.shearY(img, (float) randomSign(floatParameter(l, 0.3), r), fill)),
                LeveledOp.of("solarize", false, (img, l, r) -> Tone.solarize(img, (256 - intParameter(l, 256)) / 255f)),
                LeveledOp.of("translate-x", false, (img, l, r) -> Affine.translate(img,
                        (float) randomSign((int) (floatParameter(l, 0.3) * img.width()), r), 0, fill)),
                LeveledOp.of("translate-y", false, (img, l, r) -> Affine.translate(img, 0,
                        (float) randomSign((int) (floatParameter(l, 0.3) * img.height()), r), fill)));
    }

    private static float factor(double level) {
        return (float) (floatParameter(level, 0.9) + 0.05);
    }
}
