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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.trainer.data.Seeds;

/**
 * A picture of what a pretext task gives the network and asks of it: per row, an image, then the inputs made from it,
 * in the order the network receives them (jigsaw's shuffled tiles, relative position's centre and second patch, the
 * corrupted image, the two views), and the target: drawn where it is an image, else its class name where the task's
 * {@link PretextTask#describe} lists {@code classes}, else its class index; optionally a trained network's output. Inputs outside [0, 1] (standardised
 * tiles) are stretched to their own minimum and maximum for display.
 */
public final class PretextPreview {
    private static final int GAP = 6;
    private static final int TEXT_WIDTH = 340;

    private PretextPreview() {
    }

    /**
     * Writes the picture: per row the image, every network input the task made from it (jigsaw's nine tiles,
     * rotation's four turns, SimCLR's two views), the target where it is an image ({@link PretextTask#picture}), and,
     * with a {@code trained} pretext network of this task, its output: the filled hole, the colourised or restored
     * image, the predicted classes, or the cosine similarity of the two views' projections.
     */
    public static void write(PretextTask task, List<Image> images, int imageHeight, long seed, Path file,
                             ComputationGraph trained) throws IOException {
        Image first = images.get(0);
        double scale = (double) imageHeight / first.height();
        List<?> classes = classes(task.describe(first.shape()));
        PretextBatch sample = task.makeBatch(List.of(first), Seeds.stream(seed, 6, 0));
        int inputs = sample.inputs().size();
        boolean targetPicture = task.picture(sample.inputs().get(0), sample.targets().rows()[0],
                sample.targets().shape()).isPresent();
        int pictures = targetPicture ? (trained == null ? 1 : 2) : 0;
        InputShape input = task.inputShape(first.shape());
        int inputW = (int) Math.round(input.width() * scale);
        int imageW = (int) Math.round(first.width() * scale);
        int rowH = Math.max(imageHeight, (int) Math.round(input.height() * scale)) + GAP;
        int width = GAP + imageW + 3 * GAP + inputs * (inputW + GAP) + pictures * (imageW + 3 * GAP) + TEXT_WIDTH;
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
            for (Image in : b.inputs()) {
                x += draw(g, in, x, top, scale) + GAP;
            }
            x += 2 * GAP;
            Image in0 = b.inputs().get(0);
            if (targetPicture) {
                x += draw(g, task.picture(in0, b.targets().rows()[0], b.targets().shape()).orElseThrow(), x, top, scale)
                        + 3 * GAP;
            }
            String caption = caption(b.targets(), classes);
            if (trained != null) {
                INDArray output = trained.outputSingle(false, Batches.features(b.inputs()));
                float[] row0 = output.slice(0).dup().data().asFloat();
                if (targetPicture) {
                    x += draw(g, task.picture(in0, row0, b.targets().shape()).orElseThrow(), x, top, scale) + 3 * GAP;
                    caption = "image, input, target, output";
                } else {
                    caption += "; " + predicted(output, b, classes);
                }
            }
            g.setColor(Color.BLACK);
            g.drawString(caption, x + GAP, top + 16);
        }
        g.dispose();
        AtomicFiles.write(file, tmp -> ImageIO.write(out, "png", tmp.toFile()));
    }

    /** What the trained head says: the classes it predicts, or for two views the cosine similarity of their outputs. */
    private static String predicted(INDArray output, PretextBatch b, List<?> classes) {
        int[] shape = b.targets().shape();
        if (shape.length == 1 && shape[0] > 1) {
            StringBuilder s = new StringBuilder("predicted");
            for (int i = 0; i < b.size(); i++) {
                int k = output.getRow(i).argMax().getInt(0);
                s.append(i == 0 ? " " : ", ").append(k < classes.size() ? classes.get(k) : "class " + k);
            }
            return s.toString();
        }
        if (output.rows() == 2) {
            INDArray a = output.getRow(0);
            INDArray c = output.getRow(1);
            double cos = a.mul(c).sumNumber().doubleValue() / (a.norm2Number().doubleValue() * c.norm2Number().doubleValue());
            return String.format("cosine similarity %.3f", cos);
        }
        return "output " + Arrays.toString(output.shape());
    }

    private static List<?> classes(Map<String, Object> description) {
        return description.get("classes") instanceof List<?> list ? list : List.of();
    }

    private static String caption(PerExample targets, List<?> classes) {
        int[] shape = targets.shape();
        if (shape.length == 1 && shape[0] == 1) {
            return targets.count() == 2 ? "two views" : "";
        }
        if (shape.length != 1) {
            return "target " + Arrays.toString(shape);
        }
        StringBuilder s = new StringBuilder(targets.count() == 1 ? "class " : "classes ");
        for (int i = 0; i < targets.count(); i++) {
            int k = targets.argMax(i);
            s.append(i == 0 ? "" : ", ").append(k < classes.size() ? k + ": " + classes.get(k) : k + " of " + shape[0]);
        }
        return s.toString();
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
