package org.selfsup4j.augment.policy;

import java.util.Random;
import org.selfsup4j.core.image.Image;

/**
 * One RandAugment operation with its magnitude mapping: {@link #apply} takes a level in [0, 10] (the papers'
 * PARAMETER_MAX scale) and turns it into the operation's own parameter (degrees, factor, bits, ...). Operations with
 * a direction (rotate, shear, translate) flip its sign with probability ½, drawn from {@code random}.
 */
public interface LeveledOp {
    String name();

    /** True if the operation only means something on colour images (it is dropped in colour-free mode). */
    boolean needsColour();

    Image apply(Image image, double level, Random random);

    /** A named operation from a lambda. */
    static LeveledOp of(String name, boolean needsColour, Body body) {
        return new LeveledOp() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean needsColour() {
                return needsColour;
            }

            @Override
            public Image apply(Image image, double level, Random random) {
                return body.apply(image, level, random);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** The work of an operation. */
    @FunctionalInterface
    interface Body {
        Image apply(Image image, double level, Random random);
    }

    /** float_parameter(level, max) = level × max / 10. */
    static double floatParameter(double level, double max) {
        return level * max / 10.0;
    }

    /** int_parameter(level, max) = int(level × max / 10). */
    static int intParameter(double level, double max) {
        return (int) (level * max / 10.0);
    }

    /** ±value with a random sign (the papers negate when random() &gt; 0.5). */
    static double randomSign(double value, Random random) {
        return random.nextDouble() > 0.5 ? -value : value;
    }
}
