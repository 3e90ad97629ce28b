package org.selfsup4j.core.image;

/**
 * Exact, lossless geometric transforms shared by augmenters and pretext tasks: quarter turns and flips. Each returns
 * a new image; all channels are transformed alike.
 */
public final class Geometry {
    private Geometry() {
    }

    /**
     * Rotates by {@code quarterTurns} × 90° counter-clockwise (as {@code numpy.rot90}): output pixel (y, x) of a
     * quarter turn is input pixel (x, W − 1 − y). Odd turns swap height and width.
     */
    public static Image rotate90(Image image, int quarterTurns) {
        int k = Math.floorMod(quarterTurns, 4);
        if (k == 0) {
            return image;
        }
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        int oh = (k % 2 == 0) ? h : w;
        int ow = (k % 2 == 0) ? w : h;
        float[] in = image.pixels();
        float[] out = new float[in.length];
        for (int ch = 0; ch < c; ch++) {
            int ib = ch * h * w;
            int ob = ch * oh * ow;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int sy;
                    int sx;
                    switch (k) {
                        case 1 -> { sy = x; sx = w - 1 - y; }
                        case 2 -> { sy = h - 1 - y; sx = w - 1 - x; }
                        default -> { sy = h - 1 - x; sx = y; }
                    }
                    out[ob + y * ow + x] = in[ib + sy * w + sx];
                }
            }
        }
        return new Image(c, oh, ow, out);
    }

    /** Mirrors left-right: output (y, x) = input (y, W − 1 − x). */
    public static Image flipHorizontal(Image image) {
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        float[] in = image.pixels();
        float[] out = new float[in.length];
        for (int row = 0; row < c * h; row++) {
            int base = row * w;
            for (int x = 0; x < w; x++) {
                out[base + x] = in[base + w - 1 - x];
            }
        }
        return new Image(c, h, w, out);
    }

    /** Mirrors top-bottom: output (y, x) = input (H − 1 − y, x). */
    public static Image flipVertical(Image image) {
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        float[] in = image.pixels();
        float[] out = new float[in.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(in, (ch * h + h - 1 - y) * w, out, (ch * h + y) * w, w);
            }
        }
        return new Image(c, h, w, out);
    }
}
