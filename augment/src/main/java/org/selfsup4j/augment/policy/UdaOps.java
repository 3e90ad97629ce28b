package org.selfsup4j.augment.policy;

import static org.selfsup4j.augment.policy.LeveledOp.floatParameter;
import static org.selfsup4j.augment.policy.LeveledOp.intParameter;
import static org.selfsup4j.augment.policy.LeveledOp.randomSign;

import java.util.List;
import org.selfsup4j.augment.ops.Affine;
import org.selfsup4j.augment.ops.Cutout;
import org.selfsup4j.augment.ops.Enhance;
import org.selfsup4j.augment.ops.Tone;

/**
 * The 15 operations of UDA's RandAugment ({@code google-research/uda}, {@code image/randaugment}) with their magnitude
 * mappings at level L ∈ [0, 10]. Geometric magnitudes given in pixels for 32-pixel CIFAR images are scaled to the
 * image width W (× W / 32); pixels moved in from outside get {@code fill} (UDA fills with the data set mean).
 * <ul>
 * <li>Invert; AutoContrast; Equalize: no magnitude.</li>
 * <li>Cutout: side int(L × 20 / 10) × W / 32 pixels, centre uniform.</li>
 * <li>Sharpness, Contrast, Color, Brightness: factor L × 1.8 / 10 + 0.1 ∈ [0.1, 1.9].</li>
 * <li>Posterize: 4 − int(L × 4 / 10) bits.</li>
 * <li>ShearX, ShearY: ±L × 0.3 / 10.</li>
 * <li>TranslateX, TranslateY: ±int(L × 10 / 10) × W / 32 pixels.</li>
 * <li>Rotate: ±int(L × 30 / 10) degrees.</li>
 * <li>Solarize: threshold (256 − int(L × 256 / 10)) / 255 (level 0: the identity).</li>
 * </ul>
 */
public final class UdaOps {
    private UdaOps() {
    }

    public static List<LeveledOp> all(float fill) {
        return List.of(
                LeveledOp.of("invert", false, (img, l, r) -> Tone.invert(img)),
                LeveledOp.of("cutout", false, (img, l, r) -> {
                    int size = (int) Math.round(intParameter(l, 20) * img.width() / 32.0);
                    return size <= 0 ? img : Cutout.apply(img, r.nextInt(img.height()), r.nextInt(img.width()), size, fill);
                }),
                LeveledOp.of("sharpness", false, (img, l, r) -> Enhance.sharpness(img, (float) (floatParameter(l, 1.8) + 0.1))),
                LeveledOp.of("auto-contrast", false, (img, l, r) -> Tone.autoContrast(img)),
                LeveledOp.of("posterize", false, (img, l, r) -> Tone.posterize(img, Math.max(1, 4 - intParameter(l, 4)))),
                LeveledOp.of("shear-x", false, (img, l, r) -> Affine.shearX(img, (float) randomSign(floatParameter(l, 0.3), r), fill)),
                LeveledOp.of("translate-x", false, (img, l, r) -> Affine.translate(img,
                        (float) randomSign(Math.round(intParameter(l, 10) * img.width() / 32.0), r), 0, fill)),
                LeveledOp.of("translate-y", false, (img, l, r) -> Affine.translate(img, 0,
                        (float) randomSign(Math.round(intParameter(l, 10) * img.height() / 32.0), r), fill)),
                LeveledOp.of("shear-y", false, (img, l, r) -> Affine.shearY(img, (float) randomSign(floatParameter(l, 0.3), r), fill)),
                LeveledOp.of("rotate", false, (img, l, r) -> Affine.rotate(img, randomSign(intParameter(l, 30), r), fill)),
                LeveledOp.of("equalize", false, (img, l, r) -> Tone.equalize(img)),
                LeveledOp.of("contrast", false, (img, l, r) -> Enhance.contrast(img, (float) (floatParameter(l, 1.8) + 0.1))),
                LeveledOp.of("color", true, (img, l, r) -> Enhance.color(img, (float) (floatParameter(l, 1.8) + 0.1))),
                LeveledOp.of("solarize", false, (img, l, r) -> Tone.solarize(img, (256 - intParameter(l, 256)) / 255f)),
                LeveledOp.of("brightness", false, (img, l, r) -> Enhance.brightness(img, (float) (floatParameter(l, 1.8) + 0.1))));
    }
}
