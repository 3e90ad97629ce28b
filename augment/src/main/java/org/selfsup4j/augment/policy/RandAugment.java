package org.selfsup4j.augment.policy;

import java.util.List;
import java.util.Random;
import org.selfsup4j.augment.ops.Cutout;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenter;

/**
 * RandAugment (Cubuk et al., 2020) as the semi-supervised papers use it: {@code n} operations drawn uniformly with
 * replacement from a list, each applied with probability {@code p} at a level that is either fixed or drawn
 * uniformly from the integers 1..9 (Python's {@code range(1, 10)}, [1, 10)), then optionally Cutout with a square of
 * {@code cutoutFraction} × the image side, centre uniform, filled with {@code cutoutFill}. Stateless.
 */
public final class RandAugment implements Augmenter {
    private final List<LeveledOp> ops;
    private final List<LeveledOp> colourFreeOps;
    private final ColourMode colourMode;
    private final int n;
    private final double p;
    private final Double fixedLevel;
    private final double cutoutFraction;
    private final float cutoutFill;

    public RandAugment(List<LeveledOp> ops, ColourMode colourMode, int n, double p, Double fixedLevel,
                       double cutoutFraction, float cutoutFill) {
        this.ops = List.copyOf(ops);
        this.colourFreeOps = this.ops.stream().filter(op -> !op.needsColour()).toList();
        this.colourMode = colourMode;
        this.n = n;
        this.p = p;
        this.fixedLevel = fixedLevel;
        this.cutoutFraction = cutoutFraction;
        this.cutoutFill = cutoutFill;
    }

    @Override
    public Image apply(Image image, Random random) {
        boolean colourFree = colourMode == ColourMode.ON || (colourMode == ColourMode.AUTO && image.channels() == 1);
        List<LeveledOp> pool = colourFree ? colourFreeOps : ops;
        Image out = image;
        for (int i = 0; i < n; i++) {
            LeveledOp op = pool.get(random.nextInt(pool.size()));
            double level = fixedLevel != null ? fixedLevel : 1 + random.nextInt(9);
            if (random.nextDouble() < p) {
                if (op.needsColour() && out.channels() != 3) {
                    throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "The operation [" + op.name() + "] needs a "
                            + "3-channel image, got " + out.channels() + " channel(s); use colour-free=true or auto");
                }
                out = op.apply(out, level, random);
            }
        }
        if (cutoutFraction > 0) {
            int size = (int) Math.round(cutoutFraction * Math.min(out.height(), out.width()));
            out = Cutout.apply(out, random.nextInt(out.height()), random.nextInt(out.width()), size, cutoutFill);
        }
        return out;
    }

    /** The operations this policy draws from for an image of {@code channels} channels. */
    public List<String> operationNames(int channels) {
        boolean colourFree = colourMode == ColourMode.ON || (colourMode == ColourMode.AUTO && channels == 1);
        return (colourFree ? colourFreeOps : ops).stream().map(LeveledOp::name).toList();
    }
}
