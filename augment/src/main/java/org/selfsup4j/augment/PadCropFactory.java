package org.selfsup4j.augment;

import org.selfsup4j.augment.ops.Borders;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.core.spi.AugmenterFactory;

/**
 * {@code pad-crop}: pads each side by {@code pad} pixels (default 4) — or by {@code fraction} of the image's shorter
 * side, rounded (FixMatch's 4 of 32 pixels is {@code fraction=0.125}), so one setting suits every image size — with
 * reflect padding (the edge pixel is not repeated: ... c b | a b c ...), then crops a window of the original size at
 * a uniformly random offset in [0, 2·pad]². Equivalent to a random translation by up to {@code pad} pixels with
 * mirrored borders.
 */
public final class PadCropFactory implements AugmenterFactory {
    public static final String NAME = "pad-crop";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "reflect-pad by pad pixels (default 4) or a fraction of the side, then crop the original size at a random offset";
    }

    @Override
    public Augmenter create(ComponentConfig config) {
        boolean byFraction = config.asMap().containsKey("fraction");
        if (byFraction && config.asMap().containsKey("pad")) {
            throw config.badValue("fraction", config.getString("fraction", ""), "either pad or fraction, not both");
        }
        int pad = config.getInt("pad", 4);
        double fraction = config.getDouble("fraction", 0);
        if (pad < 0) {
            throw config.badValue("pad", String.valueOf(pad), "a number of pixels >= 0");
        }
        if (fraction < 0 || fraction > 0.5) {
            throw config.badValue("fraction", String.valueOf(fraction), "a share of the shorter side in [0, 0.5]");
        }
        config.requireAllKeysRead(NAME);
        return (image, random) -> {
            int p = byFraction ? (int) Math.round(fraction * Math.min(image.height(), image.width())) : pad;
            if (p == 0) {
                return image;
            }
            int dy = random.nextInt(2 * p + 1) - p;
            int dx = random.nextInt(2 * p + 1) - p;
            return shiftReflect(image, dy, dx);
        };
    }

    /** Output (y, x) = input (reflect(y + dy), reflect(x + dx)). */
    static Image shiftReflect(Image image, int dy, int dx) {
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        float[] in = image.pixels();
        float[] out = new float[in.length];
        int[] xs = new int[w];
        for (int x = 0; x < w; x++) {
            xs[x] = Borders.reflect(x + dx, w);
        }
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int srcRow = (ch * h + Borders.reflect(y + dy, h)) * w;
                int dstRow = (ch * h + y) * w;
                for (int x = 0; x < w; x++) {
                    out[dstRow + x] = in[srcRow + xs[x]];
                }
            }
        }
        return new Image(c, h, w, out);
    }
}
