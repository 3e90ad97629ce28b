package org.selfsup4j.pretext.inpainting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.HeadBuilder;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PixelDecoder;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.pretext.stats.ImageSample;

/**
 * Inpainting, the context encoder of Pathak et al. (2016): a hole ({@link HoleMasks}) is cut out of each image and
 * filled with the training images' mean colour; a {@link PixelDecoder} on the backbone's feature map predicts the
 * whole image, and the loss is the squared error over the hole plus a border band weighted ×10 ({@link LossWeights}),
 * nothing outside. Without the paper's adversarial term: the feature-learning model the authors released was trained
 * with the reconstruction loss alone (the adversarial loss sharpens the filled pixels, not the features).
 */
final class InpaintingTask implements PretextTask {
    /** Fill colour before {@link #prepare}: mid-gray. */
    static final float UNPREPARED_FILL = 0.5f;

    private final HoleMasks masks;
    private final double bandWeight;
    private final int band;
    private final float[] fill;

    /** {@code band} &lt; 0: scaled to the image size; {@code fill} null: mid-gray until prepared. */
    InpaintingTask(HoleMasks masks, double bandWeight, int band, float[] fill) {
        this.masks = masks;
        this.bandWeight = bandWeight;
        this.band = band;
        this.fill = fill == null ? null : fill.clone();
    }

    @Override
    public PretextTask prepare(List<Image> images) {
        return new InpaintingTask(masks, bandWeight, band, ImageSample.channelMeans(
                ImageSample.evenlySpaced(images, ImageSample.MAX_IMAGES)));
    }

    @Override
    public InputShape inputShape(InputShape imageShape) {
        return imageShape;
    }

    @Override
    public void addHead(HeadBuilder head) {
        head.pixelOutput(PixelDecoder.add(head, InpaintingTaskFactory.NAME, head.inputShape().channels()));
    }

    @Override
    public String defaultLoss() {
        return "mse";
    }

    int bandFor(InputShape shape) {
        return band >= 0 ? band : LossWeights.bandFor(Math.min(shape.height(), shape.width()));
    }

    @Override
    public PretextBatch makeBatch(List<Image> images, Random random) {
        List<Image> inputs = new ArrayList<>(images.size());
        float[][] targets = new float[images.size()][];
        float[][] weights = new float[images.size()][];
        for (int n = 0; n < images.size(); n++) {
            Image image = images.get(n);
            int h = image.height();
            int w = image.width();
            boolean[] hole = masks.draw(h, w, random);
            inputs.add(filled(image, hole));
            targets[n] = image.pixels();
            weights[n] = LossWeights.of(hole, LossWeights.band(hole, h, w, bandFor(image.shape())), bandWeight);
        }
        InputShape s = images.get(0).shape();
        return new PretextBatch(inputs, 1, new PerExample(new int[] {s.channels(), s.height(), s.width()}, targets),
                new PerExample(new int[] {1, s.height(), s.width()}, weights));
    }

    /** {@code image} with the hole's pixels set to the fill colour. */
    Image filled(Image image, boolean[] hole) {
        int plane = image.height() * image.width();
        float[] px = image.pixels().clone();
        for (int c = 0; c < image.channels(); c++) {
            float value = fill == null ? UNPREPARED_FILL : fill[c];
            for (int i = 0; i < plane; i++) {
                if (hole[i]) {
                    px[c * plane + i] = value;
                }
            }
        }
        return new Image(image.channels(), image.height(), image.width(), px);
    }

    @Override
    public Map<String, Object> describe(InputShape imageShape) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mask", masks.id());
        m.put("band_pixels", bandFor(imageShape));
        m.put("band_weight", bandWeight);
        List<Double> colour = new ArrayList<>();
        for (int c = 0; c < imageShape.channels(); c++) {
            colour.add((double) (fill == null ? UNPREPARED_FILL : fill[c]));
        }
        m.put("fill", colour);
        m.put("fill_from", fill == null ? "mid-gray (not prepared on data)" : "mean of the training images");
        m.put("loss", "squared error over the hole and the band, weights normalised to sum 1 per image");
        return m;
    }
}
