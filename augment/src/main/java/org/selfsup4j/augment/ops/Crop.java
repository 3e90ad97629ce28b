package org.selfsup4j.augment.ops;

import java.util.Random;
import org.selfsup4j.core.data.Resize;
import org.selfsup4j.core.image.Image;

/**
 * Random resized crop (Szegedy et al., 2015; the SimCLR / torchvision recipe): up to 10 tries to draw an area share
 * s ∈ [minScale, maxScale] and a log-uniform aspect ratio r ∈ [minRatio, maxRatio], giving a crop of
 * w = round(√(s·A·r)), h = round(√(s·A/r)) that fits; the crop is placed uniformly and resized back to the original
 * size (bilinear). If no try fits, a centre crop of the ratio clamped to the range is used.
 */
public final class Crop {
    private Crop() {
    }

    public static Image randomResized(Image image, double minScale, double maxScale, double minRatio, double maxRatio,
                                      Random random) {
        int h = image.height();
        int w = image.width();
        double area = (double) h * w;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (minScale + (maxScale - minScale) * random.nextDouble());
            double logRatio = Math.log(minRatio) + (Math.log(maxRatio) - Math.log(minRatio)) * random.nextDouble();
            double ratio = Math.exp(logRatio);
            int cw = (int) Math.round(Math.sqrt(target * ratio));
            int ch = (int) Math.round(Math.sqrt(target / ratio));
            if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
                int y0 = random.nextInt(h - ch + 1);
                int x0 = random.nextInt(w - cw + 1);
                return Resize.bilinear(window(image, y0, x0, ch, cw), h, w);
            }
        }
        double inRatio = (double) w / h;
        int cw = w;
        int ch = h;
        if (inRatio < minRatio) {
            ch = (int) Math.round(w / minRatio);
        } else if (inRatio > maxRatio) {
            cw = (int) Math.round(h * maxRatio);
        }
        return Resize.bilinear(window(image, (h - ch) / 2, (w - cw) / 2, ch, cw), h, w);
    }

    /** The ch × cw window at (y0, x0). */
    public static Image window(Image image, int y0, int x0, int ch, int cw) {
        int h = image.height();
        int w = image.width();
        float[] src = image.pixels();
        float[] out = new float[image.channels() * ch * cw];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < ch; y++) {
                System.arraycopy(src, (c * h + y0 + y) * w + x0, out, (c * ch + y) * cw, cw);
            }
        }
        return new Image(image.channels(), ch, cw, out);
    }
}
