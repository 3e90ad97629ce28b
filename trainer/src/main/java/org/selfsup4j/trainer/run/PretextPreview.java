package org.selfsup4j.trainer.run;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.trainer.data.Seeds;

/**
 * A picture of what a pretext task gives the network and asks of it: per row, an image, then the inputs of one
 * example made from it, in the order the network receives them (jigsaw's shuffled tiles, relative position's centre
 * and second patch, the corrupted image), and the target: its class name where the task's
 * {@link PretextTask#describe} lists {@code classes}, else its class index. Inputs outside [0, 1] (standardised
 * tiles) are stretched to their own minimum and maximum for display.
 */
public final class PretextPreview {
    private static final int GAP = 6;
    private static final int TEXT_WIDTH = 260;

    private PretextPreview() {
    }

    public static void write(PretextTask task, List<Image> images, int imageHeight, long seed, Path file)
            throws IOException {
        Image first = images.get(0);
        double scale = (double) imageHeight / first.height();
        List<?> classes = classes(task.describe(first.shape()));
        int inputs = task.inputsPerExample();
        InputShape input = task.inputShape(first.shape());
        int inputW = (int) Math.round(input.width() * scale);
        int rowH = Math.max(imageHeight, (int) Math.round(input.height() * scale)) + GAP;
        int width = GAP + (int) Math.round(first.width() * scale) + 3 * GAP + inputs * (inputW + GAP) + TEXT_WIDTH;
        BufferedImage out = new BufferedImage(width, GAP + images.size() * rowH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int r = 0; r < images.size(); r++) {
            Image image = images.get(r);
            PretextBatch b = task.makeBatch(List.of(image), Seeds.stream(seed, 6, r));
            int top = GAP + r * rowH;
            int x = GAP;
            x += draw(g, image, x, top, scale) + 3 * GAP;
            for (int i = 0; i < inputs; i++) {
                x += draw(g, b.inputs().get(i), x, top, scale) + GAP;
            }
            g.setColor(Color.BLACK);
            g.drawString(caption(b.targets(), classes), x + GAP, top + 16);
        }
        g.dispose();
        AtomicFiles.write(file, tmp -> ImageIO.write(out, "png", tmp.toFile()));
    }

    private static List<?> classes(Map<String, Object> description) {
        return description.get("classes") instanceof List<?> list ? list : List.of();
    }

    private static String caption(PerExample targets, List<?> classes) {
        int[] shape = targets.shape();
        if (shape.length != 1 || shape[0] < 2) {
            return "target " + Arrays.toString(shape);
        }
        int k = targets.argMax(0);
        return k < classes.size() ? "class " + k + ": " + classes.get(k) : "class " + k + " of " + shape[0];
    }

    /** Draws {@code image} at (left, top) scaled; returns the drawn width. */
    private static int draw(Graphics2D g, Image image, int left, int top, double scale) {
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (float v : image.pixels()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo >= 0 && hi <= 1) {   // an ordinary image: shown as it is
            lo = 0;
            hi = 1;
        }
        float span = hi > lo ? hi - lo : 1;
        BufferedImage bi = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int r = byteOf((image.get(0, y, x) - lo) / span);
                int gr = image.channels() == 3 ? byteOf((image.get(1, y, x) - lo) / span) : r;
                int b = image.channels() == 3 ? byteOf((image.get(2, y, x) - lo) / span) : r;
                bi.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        int w = (int) Math.round(image.width() * scale);
        g.drawImage(bi, left, top, w, (int) Math.round(image.height() * scale), null);
        return w;
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
