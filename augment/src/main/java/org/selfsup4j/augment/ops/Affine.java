package org.selfsup4j.augment.ops;

import org.selfsup4j.core.image.Image;

/**
 * Geometric operations as PIL's {@code Image.transform(AFFINE)} and {@code Image.rotate} compute them: every output
 * pixel centre (x + ½, y + ½) is mapped to an input position (a·x' + b·y' + c, d·x' + e·y' + f), read with nearest
 * neighbour (floor), and pixels that map outside the image get {@code fill}.
 * <ul>
 * <li>{@link #shearX}(s): input = (x' + s·y', y'). {@link #shearY}(s): input = (x', s·x' + y').</li>
 * <li>{@link #translate}(dx, dy): input = (x' + dx, y' + dy), so content moves by (−dx, −dy) pixels.</li>
 * <li>{@link #rotate}(degrees): counter-clockwise about the image centre (w/2, h/2); 90° on a square image is exactly
 *     {@code Geometry.rotate90(image, 1)}.</li>
 * </ul>
 */
public final class Affine {
    private Affine() {
    }

    public static Image shearX(Image image, float shear, float fill) {
        return transform(image, 1, shear, 0, 0, 1, 0, fill);
    }

    public static Image shearY(Image image, float shear, float fill) {
        return transform(image, 1, 0, 0, shear, 1, 0, fill);
    }

    public static Image translate(Image image, float dx, float dy, float fill) {
        return transform(image, 1, 0, dx, 0, 1, dy, fill);
    }

    public static Image rotate(Image image, double degrees, float fill) {
        double theta = -Math.toRadians(degrees);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        // PIL rounds the matrix to 15 decimals so that quarter turns are exact
        cos = Math.round(cos * 1e15) / 1e15;
        sin = Math.round(sin * 1e15) / 1e15;
        double cx = image.width() / 2.0;
        double cy = image.height() / 2.0;
        double c = cos * -cx + sin * -cy + cx;
        double f = -sin * -cx + cos * -cy + cy;
        return transform(image, cos, sin, c, -sin, cos, f, fill);
    }

    static Image transform(Image image, double a, double b, double c, double d, double e, double f, float fill) {
        int ch = image.channels();
        int h = image.height();
        int w = image.width();
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int y = 0; y < h; y++) {
            double yc = y + 0.5;
            for (int x = 0; x < w; x++) {
                double xc = x + 0.5;
                double xs = a * xc + b * yc + c;
                double ys = d * xc + e * yc + f;
                int sx = (int) Math.floor(xs);
                int sy = (int) Math.floor(ys);
                boolean inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                for (int k = 0; k < ch; k++) {
                    out[(k * h + y) * w + x] = inside ? src[(k * h + sy) * w + sx] : fill;
                }
            }
        }
        return Pixels.like(image, out);
    }
}
