package org.selfsup4j.pretext.patches;

import java.util.Arrays;
import org.selfsup4j.core.image.Image;

/**
 * Pixel operations the patch tasks share: crops (with a separate offset per channel, for chromatic jitter),
 * standardisation and gray conversion. Each returns a new image.
 */
public final class Patches {
    /** Below this, a tile or patch holds too little to learn from: the smallest side the patch tasks accept. */
    public static final int MIN_SIDE = 4;

    private Patches() {
    }

    /** The {@code h × w} region whose top-left pixel is (y, x); it must lie inside the image. */
    public static Image crop(Image image, int y, int x, int h, int w) {
        int c = image.channels();
        int[] ys = new int[c];
        int[] xs = new int[c];
        Arrays.fill(ys, y);
        Arrays.fill(xs, x);
        return crop(image, ys, xs, h, w);
    }

    /**
     * The {@code h × w} region of each channel c whose top-left pixel is (ys[c], xs[c]); every region must lie inside
     * the image.
     */
    public static Image crop(Image image, int[] ys, int[] xs, int h, int w) {
        int c = image.channels();
        int ih = image.height();
        int iw = image.width();
        float[] in = image.pixels();
        float[] out = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            if (ys[ch] < 0 || xs[ch] < 0 || ys[ch] + h > ih || xs[ch] + w > iw) {
                throw new IllegalArgumentException("region " + h + "x" + w + " at (" + ys[ch] + ", " + xs[ch]
                        + ") of channel " + ch + " is outside the " + ih + "x" + iw + " image");
            }
            for (int row = 0; row < h; row++) {
                System.arraycopy(in, (ch * ih + ys[ch] + row) * iw + xs[ch], out, (ch * h + row) * w, w);
            }
        }
        return new Image(c, h, w, out);
    }

    /**
     * Each channel shifted to mean 0 and scaled to standard deviation 1 (population std over the channel's pixels);
     * a constant channel becomes all zeros. The result is not in [0, 1]: it removes the low-level cues (brightness,
     * contrast) a network could otherwise match tiles by.
     */
    public static Image standardise(Image image) {
        int c = image.channels();
        int n = image.height() * image.width();
        float[] in = image.pixels();
        float[] out = new float[in.length];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int i = ch * n; i < (ch + 1) * n; i++) {
                sum += in[i];
            }
            double mean = sum / n;
            double sq = 0;
            for (int i = ch * n; i < (ch + 1) * n; i++) {
                double d = in[i] - mean;
                sq += d * d;
            }
            double std = Math.sqrt(sq / n);
            double scale = std < 1e-6 ? 0 : 1 / std;
            for (int i = ch * n; i < (ch + 1) * n; i++) {
                out[i] = (float) ((in[i] - mean) * scale);
            }
        }
        return new Image(c, image.height(), image.width(), out);
    }

    /** An RGB image as gray in all three channels (PIL's luma: 0.299 R + 0.587 G + 0.114 B); others unchanged. */
    public static Image gray(Image image) {
        if (image.channels() != 3) {
            return image;
        }
        int n = image.height() * image.width();
        float[] in = image.pixels();
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            float l = 0.299f * in[i] + 0.587f * in[n + i] + 0.114f * in[2 * n + i];
            out[i] = l;
            out[n + i] = l;
            out[2 * n + i] = l;
        }
        return new Image(3, image.height(), image.width(), out);
    }
}
