package org.selfsup4j.pretext.restoration;

import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * Restoration, the self-supervision of Models Genesis (Zhou et al. 2019/2021) for gray CT, MR and X-ray images: the
 * network restores the original image from a transformed copy. As the authors' {@code generate_pair}: both copies are
 * flipped alike (up to three times, each with {@code flipRate}), then the input gets local pixel shuffling
 * ({@code shuffleRate}), the non-linear Bézier intensity mapping ({@code nonlinearRate}, inverted half the time) and,
 * with {@code paintRate}, in-painting ({@code inpaintRate} of those) or out-painting ({@link GenesisTransforms}). A
 * {@link PixelDecoder} predicts the original; the loss is the squared error over the whole image (mean per pixel).
 */
final class RestorationTask implements PretextTask {
    private final double flipRate;
    private final double shuffleRate;
    private final double nonlinearRate;
    private final double paintRate;
    private final double inpaintRate;

    RestorationTask(double flipRate, double shuffleRate, double nonlinearRate, double paintRate, double inpaintRate) {
        this.flipRate = flipRate;
        this.shuffleRate = shuffleRate;
        this.nonlinearRate = nonlinearRate;
        this.paintRate = paintRate;
        this.inpaintRate = inpaintRate;
    }

    @Override
    public InputShape inputShape(InputShape imageShape) {
        return imageShape;
    }

    @Override
    public void addHead(HeadBuilder head) {
        head.pixelOutput(PixelDecoder.add(head, RestorationTaskFactory.NAME, head.inputShape().channels()));
    }

    @Override
    public String defaultLoss() {
        return "mse";
    }

    @Override
    public PretextBatch makeBatch(List<Image> images, Random random) {
        List<Image> inputs = new ArrayList<>(images.size());
        float[][] targets = new float[images.size()][];
        InputShape s = images.get(0).shape();
        float[] uniform = new float[s.height() * s.width()];
        Arrays.fill(uniform, 1f / uniform.length);
        float[][] weights = new float[images.size()][];
        for (int n = 0; n < images.size(); n++) {
            Image image = images.get(n);
            float[][] pair = pair(image, random);
            inputs.add(new Image(image.channels(), image.height(), image.width(), pair[0]));
            targets[n] = pair[1];
            weights[n] = uniform;
        }
        return new PretextBatch(inputs, 1, new PerExample(new int[] {s.channels(), s.height(), s.width()}, targets),
                new PerExample(new int[] {1, s.height(), s.width()}, weights));
    }

    /** {transformed input, target}: the original flipped as the input was. */
    float[][] pair(Image image, Random random) {
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        float[] y = image.pixels();
        for (int count = 3; count > 0 && random.nextDouble() < flipRate; count--) {
            y = GenesisTransforms.flip(y, c, h, w, random.nextBoolean());
        }
        float[] x = y;
        if (random.nextDouble() < shuffleRate) {
            x = GenesisTransforms.localShuffle(x, c, h, w, random);
        }
        if (random.nextDouble() < nonlinearRate) {
            x = GenesisTransforms.nonlinear(x, GenesisTransforms.bezierMapping(random, random.nextBoolean()));
        }
        if (random.nextDouble() < paintRate) {
            x = random.nextDouble() < inpaintRate ? GenesisTransforms.inPaint(x, c, h, w, random)
                    : GenesisTransforms.outPaint(x, c, h, w, random);
        }
        return new float[][] {x == image.pixels() ? x.clone() : x, y};
    }

    @Override
    public Map<String, Object> describe(InputShape imageShape) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flip_rate", flipRate);
        m.put("local_shuffle_rate", shuffleRate);
        m.put("local_shuffle_window_max", GenesisTransforms.shuffleWindow(Math.min(imageShape.height(), imageShape.width())));
        m.put("nonlinear_rate", nonlinearRate);
        m.put("paint_rate", paintRate);
        m.put("inpaint_rate", inpaintRate);
        m.put("outpaint_rate", 1 - inpaintRate);
        m.put("margin_pixels", GenesisTransforms.margin(Math.min(imageShape.height(), imageShape.width())));
        m.put("loss", "squared error over the whole image, mean per pixel");
        return m;
    }
}
