package org.selfsup4j.augment.ops;

import org.selfsup4j.core.image.Image;

/**
 * Cutout (DeVries and Taylor, 2017) as UDA's {@code create_cutout_mask}: a square of side {@code size} centred at
 * (cy, cx) — rows [cy − size/2, cy + size/2) and columns likewise (integer halves), clipped at the border — set to
 * {@code fill} in every channel. The centre is drawn uniformly over the whole image by the caller, so near a border
 * less than size × size pixels are covered. (FixMatch's reference port draws an inclusive rectangle from
 * max(0, c − size/2), one pixel more per side than this; we keep UDA's geometry for both policies.)
 */
public final class Cutout {
    private Cutout() {
    }

    public static Image apply(Image image, int cy, int cx, int size, float fill) {
        int h = image.height();
        int w = image.width();
        int y0 = Math.max(0, cy - size / 2);
        int y1 = Math.min(h, cy + size / 2);
        int x0 = Math.max(0, cx - size / 2);
        int x1 = Math.min(w, cx + size / 2);
        float[] out = image.pixels().clone();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = y0; y < y1; y++) {
                java.util.Arrays.fill(out, (c * h + y) * w + x0, (c * h + y) * w + Math.max(x0, x1), fill);
            }
        }
        return Pixels.like(image, out);
    }
}
