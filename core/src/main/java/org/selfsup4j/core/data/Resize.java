package org.selfsup4j.core.data;

import org.selfsup4j.core.image.Image;

/** Bilinear resizing with half-pixel centres (the convention of PIL and OpenCV's INTER_LINEAR). */
public final class Resize {
    private Resize() {
    }

    public static Image bilinear(Image src, int outHeight, int outWidth) {
        if (src.height() == outHeight && src.width() == outWidth) {
            return src;
        }
        int c = src.channels();
        int h = src.height();
        int w = src.width();
        float[] in = src.pixels();
        float[] out = new float[c * outHeight * outWidth];
        float sy = (float) h / outHeight;
        float sx = (float) w / outWidth;
        for (int y = 0; y < outHeight; y++) {
            float fy = Math.max(0f, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            float wy = fy - y0;
            for (int x = 0; x < outWidth; x++) {
                float fx = Math.max(0f, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                float wx = fx - x0;
                for (int ch = 0; ch < c; ch++) {
                    int base = ch * h * w;
                    float top = in[base + y0 * w + x0] * (1 - wx) + in[base + y0 * w + x1] * wx;
                    float bottom = in[base + y1 * w + x0] * (1 - wx) + in[base + y1 * w + x1] * wx;
                    out[(ch * outHeight + y) * outWidth + x] = top * (1 - wy) + bottom * wy;
                }
            }
        }
        return new Image(c, outHeight, outWidth, out);
    }
}
