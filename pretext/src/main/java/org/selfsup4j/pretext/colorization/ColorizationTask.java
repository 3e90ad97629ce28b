package org.selfsup4j.pretext.colorization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.CieLab;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.ImageConversion;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.HeadBuilder;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PixelDecoder;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.pretext.stats.ImageSample;

/**
 * Colorization (Zhang et al. 2016): the network sees the CIE lightness L (as L/100, one channel) and predicts the ab
 * colour through a {@link PixelDecoder}, at a quarter of the image's side as in the paper (the target ab averaged over
 * each 4×4 block). {@code classification} (the paper's): ab quantised into the
 * in-gamut bins of step 10 ({@link AbBins}), each pixel's target soft-encoded over its 5 nearest bins (σ = 5), the
 * per-pixel cross-entropy weighted by {@link Rebalancing} (λ = ½) from the training images' histogram, mean over the
 * pixels. {@code regression}: squared error on ab / 110, mean over the pixels. The backbone learns on lightness, so
 * the model records {@link ImageConversion#LIGHTNESS} and fine-tuning converts colour images by itself.
 */
final class ColorizationTask implements PretextTask {
    static final int NEAREST = 5;
    /** The ab prediction is made at 1/4 of the image's side and its target averaged over those blocks (Zhang et al.). */
    static final int OUTPUT_FACTOR = 4;
    static final double SIGMA = 5;
    /** ab values are divided by this in regression mode (sRGB's ab lie within about ±110). */
    static final double AB_SCALE = 110;
    /** Tasks that train on 1-channel images, for the error on gray data. */
    static final List<String> GRAY_TASKS = List.of("inpainting", "restoration", "rotation", "jigsaw",
            "relative-position", "corruption", "simclr");

    private static final AbBins BINS = AbBins.inGamut();

    private final boolean classification;
    /** Per-bin rebalancing weights; null until prepared (then all 1). */
    private final double[] weights;

    ColorizationTask(boolean classification, double[] weights) {
        this.classification = classification;
        this.weights = weights == null ? null : weights.clone();
    }

    /** The prediction's height × width for inputs of {@code shape}: a quarter of each side, as Zhang et al. */
    static InputShape outputShape(InputShape shape) {
        return new InputShape(1, Math.max(1, Math.round(shape.height() / (float) OUTPUT_FACTOR)),
                Math.max(1, Math.round(shape.width() / (float) OUTPUT_FACTOR)));
    }

    static AbBins bins() {
        return BINS;
    }

    @Override
    public InputShape inputShape(InputShape imageShape) {
        if (imageShape.channels() != 3) {
            throw new SelfSupException(ErrorCode.WRONG_CHANNELS, "colorization needs colour images (3 channels) to take"
                    + " its targets from, but the images have " + imageShape.channels() + " channel(s) (" + imageShape
                    + "); for gray images use one of " + GRAY_TASKS + ", or --channels rgb if the files are in colour",
                    String.valueOf(imageShape.channels()), List.of("3"), null);
        }
        return new InputShape(1, imageShape.height(), imageShape.width());
    }

    @Override
    public ImageConversion downstreamConversion() {
        return ImageConversion.LIGHTNESS;
    }

    @Override
    public PretextTask prepare(List<Image> images) {
        if (!classification) {
            return this;
        }
        inputShape(images.get(0).shape());
        double[] counts = new double[BINS.count()];
        for (Image image : ImageSample.evenlySpaced(images, ImageSample.MAX_IMAGES)) {
            float[] px = image.pixels();
            int plane = image.height() * image.width();
            for (int i = 0; i < plane; i++) {
                double[] lab = CieLab.fromRgb(px[i], px[plane + i], px[2 * plane + i]);
                counts[BINS.nearest(lab[1], lab[2])]++;
            }
        }
        return new ColorizationTask(true, Rebalancing.weights(BINS, counts, Rebalancing.LAMBDA, Rebalancing.SIGMA));
    }

    @Override
    public void addHead(HeadBuilder head) {
        InputShape out = outputShape(head.inputShape());
        head.pixelOutput(PixelDecoder.add(head, ColorizationTaskFactory.NAME, classification ? BINS.count() : 2,
                out.height(), out.width()));
    }

    @Override
    public String defaultLoss() {
        return classification ? "cross-entropy" : "mse";
    }

    @Override
    public PretextBatch makeBatch(List<Image> images, Random random) {
        InputShape shape = images.get(0).shape();
        inputShape(shape);
        int h = shape.height();
        int w = shape.width();
        int plane = h * w;
        InputShape out = outputShape(shape);
        int oh = out.height();
        int ow = out.width();
        int outPlane = oh * ow;
        int channels = classification ? BINS.count() : 2;
        List<Image> inputs = new ArrayList<>(images.size());
        float[][] targets = new float[images.size()][];
        float[][] masks = new float[images.size()][];
        float[] uniform = new float[outPlane];
        Arrays.fill(uniform, 1f / outPlane);
        for (int n = 0; n < images.size(); n++) {
            float[] px = images.get(n).pixels();
            float[] lightness = new float[plane];
            double[] sumA = new double[outPlane];
            double[] sumB = new double[outPlane];
            int[] count = new int[outPlane];
            for (int y = 0; y < h; y++) {
                int by = Math.min(oh - 1, y * oh / h);
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    double[] lab = CieLab.fromRgb(px[i], px[plane + i], px[2 * plane + i]);
                    lightness[i] = (float) (lab[0] / 100);
                    int o = by * ow + Math.min(ow - 1, x * ow / w);
                    sumA[o] += lab[1];
                    sumB[o] += lab[2];
                    count[o]++;
                }
            }
            float[] target = new float[channels * outPlane];
            float[] mask = classification ? new float[outPlane] : uniform;
            for (int o = 0; o < outPlane; o++) {
                double a = sumA[o] / count[o];
                double b = sumB[o] / count[o];
                if (classification) {
                    BINS.softEncode(a, b, NEAREST, SIGMA, target, o, outPlane);
                    mask[o] = (float) ((weights == null ? 1 : weights[BINS.nearest(a, b)]) / outPlane);
                } else {
                    target[o] = (float) (a / AB_SCALE);
                    target[outPlane + o] = (float) (b / AB_SCALE);
                }
            }
            inputs.add(new Image(1, h, w, lightness));
            targets[n] = target;
            masks[n] = mask;
        }
        return new PretextBatch(inputs, 1, new PerExample(new int[] {channels, oh, ow}, targets),
                new PerExample(new int[] {1, oh, ow}, masks));
    }

    @Override
    public Optional<Image> picture(Image input, float[] values, int[] shape) {
        return Optional.of(render(input, values));
    }

    /**
     * The colour image a prediction of this task's head means: the input's lightness with ab from each pixel's
     * distribution by Zhang's annealed mean (temperature 0.38), or from the regression outputs; clipped to sRGB.
     */
    Image render(Image lightness, float[] prediction) {
        int h = lightness.height();
        int w = lightness.width();
        InputShape out = outputShape(lightness.shape());
        int outPlane = out.height() * out.width();
        int plane = h * w;
        float[] rgb = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int o = Math.min(out.height() - 1, (i / w) * out.height() / h) * out.width()
                    + Math.min(out.width() - 1, (i % w) * out.width() / w);
            double a;
            double b;
            if (classification) {
                double sum = 0;
                a = 0;
                b = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < BINS.count(); k++) {
                    max = Math.max(max, Math.log(Math.max(prediction[k * outPlane + o], 1e-12)));
                }
                for (int k = 0; k < BINS.count(); k++) {
                    double e = Math.exp((Math.log(Math.max(prediction[k * outPlane + o], 1e-12)) - max) / 0.38);
                    sum += e;
                    a += e * BINS.a(k);
                    b += e * BINS.b(k);
                }
                a /= sum;
                b /= sum;
            } else {
                a = prediction[o] * AB_SCALE;
                b = prediction[outPlane + o] * AB_SCALE;
            }
            double[] c = CieLab.toRgb(lightness.pixels()[i] * 100.0, a, b);
            for (int ch = 0; ch < 3; ch++) {
                rgb[ch * plane + i] = (float) Math.max(0, Math.min(1, c[ch]));
            }
        }
        return new Image(3, lightness.height(), lightness.width(), rgb);
    }

    @Override
    public Map<String, Object> describe(InputShape imageShape) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", classification ? "classification" : "regression");
        m.put("input", "CIE L* / 100 (D65), one channel");
        if (classification) {
            m.put("ab_bins", BINS.count());
            m.put("bin_step", AbBins.STEP);
            m.put("soft_encoding", Map.of("nearest", NEAREST, "sigma", SIGMA));
            m.put("rebalancing", weights == null ? "none (not prepared on data)"
                    : Map.of("lambda", Rebalancing.LAMBDA, "sigma", Rebalancing.SIGMA, "weight_min", min(weights),
                    "weight_max", max(weights)));
        } else {
            m.put("target", "ab / " + AB_SCALE);
        }
        return m;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
