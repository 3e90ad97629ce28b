package org.selfsup4j.trainer.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.selfsup4j.core.image.Image;

/**
 * Writes rows of images as one PNG, each pixel drawn as a {@code scale} × {@code scale} block, with 2-pixel white
 * gaps: the augmentation preview. 1-channel images are drawn gray, 3-channel in colour.
 */
public final class ImageGrid {
    private ImageGrid() {
    }

    public static void write(List<List<Image>> rows, int scale, Path file) throws IOException {
        int gap = 2;
        int cellH = 0;
        int cellW = 0;
        int columns = 0;
        for (List<Image> row : rows) {
            columns = Math.max(columns, row.size());
            for (Image img : row) {
                cellH = Math.max(cellH, img.height() * scale);
                cellW = Math.max(cellW, img.width() * scale);
            }
        }
        int width = gap + columns * (cellW + gap);
        int height = gap + rows.size() * (cellH + gap);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                draw(out, rows.get(r).get(c), gap + c * (cellW + gap), gap + r * (cellH + gap), scale);
            }
        }
        AtomicFiles.write(file, tmp -> ImageIO.write(out, "png", tmp.toFile()));
    }

    private static void draw(BufferedImage out, Image img, int left, int top, int scale) {
        int h = img.height();
        int w = img.width();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = byteOf(img.get(0, y, x));
                int g = img.channels() == 3 ? byteOf(img.get(1, y, x)) : r;
                int b = img.channels() == 3 ? byteOf(img.get(2, y, x)) : r;
                int rgb = (r << 16) | (g << 8) | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(left + x * scale + dx, top + y * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
