package org.selfsup4j.pretext.relpos;

import java.util.Random;
import org.selfsup4j.core.image.Image;

/**
 * Doersch et al.'s (2015, section 3.1) remedies for chromatic aberration, which lets a network tell where a patch was
 * in the lens's field from colour fringes alone: {@link #DROP} keeps one random channel and replaces the other two
 * with Gaussian noise of 1/100 that channel's standard deviation around its mean; {@link #PROJECT} removes each
 * pixel's green–magenta component (projection onto the plane orthogonal to (−1, 2, −1)/√6). Gray images pass
 * unchanged.
 */
enum ChromaticGuard {
    DROP, PROJECT, NONE;

    Image apply(Image patch, Random random) {
        if (patch.channels() != 3 || this == NONE) {
            return patch;
        }
        int n = patch.height() * patch.width();
        float[] in = patch.pixels();
        float[] out = new float[in.length];
        if (this == PROJECT) {
            double s = 1 / Math.sqrt(6);
            for (int i = 0; i < n; i++) {
                double dot = s * (-in[i] + 2 * in[n + i] - in[2 * n + i]);
                out[i] = (float) (in[i] + dot * s);
                out[n + i] = (float) (in[n + i] - 2 * dot * s);
                out[2 * n + i] = (float) (in[2 * n + i] + dot * s);
            }
            return new Image(3, patch.height(), patch.width(), out);
        }
        int keep = random.nextInt(3);
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            sum += in[keep * n + i];
            sq += (double) in[keep * n + i] * in[keep * n + i];
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sq / n - mean * mean));
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < n; i++) {
                out[ch * n + i] = ch == keep ? in[ch * n + i] : (float) (mean + random.nextGaussian() * std / 100);
            }
        }
        return new Image(3, patch.height(), patch.width(), out);
    }
}
