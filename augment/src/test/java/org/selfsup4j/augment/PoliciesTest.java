package org.selfsup4j.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.augment.policy.ColourMode;
import org.selfsup4j.augment.policy.FixMatchOps;
import org.selfsup4j.augment.policy.LeveledOp;
import org.selfsup4j.augment.policy.RandAugment;
import org.selfsup4j.augment.policy.UdaOps;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.AugmenterFactory;

class PoliciesTest {
    static Image random(int c, int size, long seed) {
        Random r = new Random(seed);
        float[] px = new float[c * size * size];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(256) / 255f;
        }
        return new Image(c, size, size, px);
    }

    @Test
    void udaHasItsFifteenOperationsAndFixMatchItsFourteen() {
        assertEquals(List.of("invert", "cutout", "sharpness", "auto-contrast", "posterize", "shear-x", "translate-x",
                "translate-y", "shear-y", "rotate", "equalize", "contrast", "color", "solarize", "brightness"),
                UdaOps.all(0.5f).stream().map(LeveledOp::name).toList());
        assertEquals(14, FixMatchOps.all(0f).size());
    }

    @Test
    void levelZeroIsTheIdentityWhereTheMagnitudeMeansStrength() {
        Image img = random(3, 32, 1);
        for (LeveledOp op : UdaOps.all(0.5f)) {
            if (List.of("rotate", "shear-x", "shear-y", "translate-x", "translate-y", "solarize", "cutout").contains(op.name())) {
                assertEquals(img, op.apply(img, 0, new Random(2)), op.name());
            }
        }
        for (LeveledOp op : FixMatchOps.all(0f)) {
            if (List.of("rotate", "shear-x", "shear-y", "translate-x", "translate-y", "solarize", "identity").contains(op.name())) {
                assertEquals(img, op.apply(img, 0, new Random(2)), op.name());
            }
        }
    }

    @Test
    void magnitudeMappingsMatchThePapersCode() {
        Image img = random(1, 32, 3);
        LeveledOp udaPosterize = UdaOps.all(0.5f).get(4);
        // UDA: 4 - int(L * 4 / 10) bits; level 5 -> 2 bits
        assertEquals(org.selfsup4j.augment.ops.Tone.posterize(img, 2), udaPosterize.apply(img, 5, new Random(0)));
        LeveledOp fmPosterize = FixMatchOps.all(0f).get(6);
        // FixMatch: int(L * 4 / 10) + 4 bits; level 5 -> 6 bits
        assertEquals(org.selfsup4j.augment.ops.Tone.posterize(img, 6), fmPosterize.apply(img, 5, new Random(0)));
        LeveledOp udaBrightness = UdaOps.all(0.5f).get(14);
        // UDA: factor L * 1.8 / 10 + 0.1; level 5 -> 1.0 (identity)
        assertEquals(img, udaBrightness.apply(img, 5, new Random(0)));
    }

    @Test
    void sameSeedSameImageAndColourFreeOnGray() {
        AugmenterFactory uda = byName("randaugment-uda");
        var policy = uda.create(ComponentConfig.empty());
        Image img = random(1, 28, 4);
        assertEquals(policy.apply(img, new Random(9)), policy.apply(img, new Random(9)));
        assertNotEquals(policy.apply(img, new Random(9)), policy.apply(img, new Random(10)));
        // auto colour-free mode: saturation is never drawn for a gray image, so this never throws
        for (int i = 0; i < 500; i++) {
            Image out = policy.apply(img, new Random(i));
            assertEquals(img.shape(), out.shape());
        }
        RandAugment strict = new RandAugment(List.of(UdaOps.all(0.5f).get(12)), ColourMode.OFF, 1, 1, 5.0, 0, 0.5f);
        SelfSupException e = assertThrows(SelfSupException.class, () -> strict.apply(img, new Random(0)));
        assertTrue(e.getMessage().contains("[color]") && e.getMessage().contains("colour-free"), e.getMessage());
        assertEquals(14, ((RandAugment) policy).operationNames(1).size());
        assertEquals(15, ((RandAugment) policy).operationNames(3).size());
    }

    @Test
    void outOfRangeMagnitudesAndUnknownSettingsAreRejectedWithTheRange() {
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> byName("randaugment").create(ComponentConfig.parse("m=12")));
        assertEquals("Bad value [12.0] for setting [m], expected a number in [0, 10]", e.getMessage());
        SelfSupException e2 = assertThrows(SelfSupException.class,
                () -> byName("posterize").create(ComponentConfig.parse("bits=0")));
        assertTrue(e2.getMessage().contains("[1, 8]"), e2.getMessage());
        SelfSupException e3 = assertThrows(SelfSupException.class,
                () -> byName("rotate").create(ComponentConfig.parse("degree=10")));
        assertTrue(e3.getMessage().contains("known: [degrees, fill, p, random-sign]"), e3.getMessage());
        SelfSupException e4 = assertThrows(SelfSupException.class,
                () -> byName("color").create(ComponentConfig.empty()).apply(random(1, 4, 1), new Random(0)));
        assertTrue(e4.getMessage().contains("needs 3-channel"), e4.getMessage());
    }

    @Test
    void everyBuiltInAugmenterKeepsTheShapeOnGrayAndColourImages() {
        for (AugmenterFactory f : new BuiltinAugmentersPlugin().augmenterFactories()) {
            var a = f.create(ComponentConfig.empty());
            for (Image img : List.of(random(3, 32, 5), random(1, 28, 6))) {
                if (f.name().equals("color") && img.channels() == 1) {
                    continue;
                }
                Image out = a.apply(img, new Random(7));
                assertEquals(img.shape(), out.shape(), f.name());
                for (float v : out.pixels()) {
                    assertTrue(v >= 0f && v <= 1f, f.name() + " gave " + v);
                }
            }
        }
    }

    static AugmenterFactory byName(String name) {
        return new BuiltinAugmentersPlugin().augmenterFactories().stream().filter(f -> f.name().equals(name))
                .findFirst().orElseThrow();
    }
}
