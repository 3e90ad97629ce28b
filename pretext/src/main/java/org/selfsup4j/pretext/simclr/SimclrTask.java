package org.selfsup4j.pretext.simclr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.config.ComponentSpec;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.HeadBuilder;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;

/**
 * SimCLR (Chen et al. 2020): two views of every image, each through the view augmenters in order (each with its own
 * probability), go through the backbone as neighbouring examples (rows 2n and 2n + 1 are image n); a projection head
 * (dense → batch norm → ReLU → dense to {@code projection} outputs, dropped at fine-tuning) feeds NT-Xent, which
 * pulls the two views of an image together and pushes the other images' views away. The target of a view is its
 * image's index in the batch, which is how the loss finds the positives. On 1-channel images the colour operations
 * are left out: {@code random-grayscale} entirely, and {@code color-jitter} keeps brightness and contrast only.
 * Gaussian blur's σ range (SimCLR: 0.1–2 px at 224 px) scales with the image side.
 */
final class SimclrTask implements PretextTask {
    /** The image side SimCLR's blur σ range was set for. */
    static final int BLUR_REFERENCE_SIDE = 224;

    private final List<ComponentSpec> views;
    private final Augmenters augmenters;
    private final int projection;
    private final int hidden;
    private final Map<InputShape, List<Augmenter>> byShape = new ConcurrentHashMap<>();

    SimclrTask(List<ComponentSpec> views, Augmenters augmenters, int projection, int hidden) {
        this.views = List.copyOf(views);
        this.augmenters = augmenters;
        this.projection = projection;
        this.hidden = hidden;
    }

    @Override
    public InputShape inputShape(InputShape imageShape) {
        return imageShape;
    }

    @Override
    public void addHead(HeadBuilder head) {
        int width = hidden > 0 ? hidden : head.featureSize();
        head.graph().addLayer("projection_hidden", new DenseLayer.Builder().nIn(head.featureSize()).nOut(width)
                .activation(Activation.IDENTITY).hasBias(false).weightInit(WeightInit.RELU).build(), head.features());
        head.graph().addLayer("projection_bn", new BatchNormalization.Builder().nOut(width).activation(Activation.RELU)
                .build(), "projection_hidden");
        head.graph().addLayer("projection", new DenseLayer.Builder().nIn(width).nOut(projection)
                .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), "projection_bn");
        head.output("projection");
    }

    @Override
    public String defaultLoss() {
        return "nt-xent";
    }

    @Override
    public PretextBatch makeBatch(List<Image> images, Random random) {
        List<Image> inputs = new ArrayList<>(2 * images.size());
        float[][] ids = new float[2 * images.size()][];
        for (int n = 0; n < images.size(); n++) {
            Image image = images.get(n);
            List<Augmenter> chain = augmentersFor(image.shape());
            for (int v = 0; v < 2; v++) {
                Image view = image;
                for (Augmenter a : chain) {
                    view = a.apply(view, random);
                }
                inputs.add(view);
                ids[2 * n + v] = new float[] {n};
            }
        }
        return PretextBatch.single(inputs, new PerExample(new int[] {1}, ids));
    }

    /** The view augmenters for images of {@code shape}, built (and so checked) on first use. */
    List<Augmenter> augmentersFor(InputShape shape) {
        return byShape.computeIfAbsent(shape, s -> {
            List<Augmenter> out = new ArrayList<>();
            for (ComponentSpec spec : effectiveViews(s)) {
                out.add(augmenters.get(spec.name(), spec.config()));
            }
            return List.copyOf(out);
        });
    }

    /** The views as applied to images of {@code shape}: colour operations dropped on gray images, blur scaled. */
    List<ComponentSpec> effectiveViews(InputShape shape) {
        List<ComponentSpec> out = new ArrayList<>();
        double scale = (double) Math.min(shape.height(), shape.width()) / BLUR_REFERENCE_SIDE;
        for (ComponentSpec spec : views) {
            if (shape.channels() == 1 && spec.name().equals("random-grayscale")) {
                continue;
            }
            if (spec.name().equals("gaussian-blur")) {
                Map<String, String> settings = new LinkedHashMap<>();
                settings.put("sigma-min", String.valueOf(0.1 * scale));
                settings.put("sigma-max", String.valueOf(2.0 * scale));
                settings.putAll(spec.config().asMap());
                out.add(new ComponentSpec(spec.name(), new ComponentConfig(settings)));
            } else {
                out.add(spec);
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> describe(InputShape imageShape) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> applied = new ArrayList<>();
        for (ComponentSpec spec : effectiveViews(imageShape)) {
            applied.add(Map.of("augmenter", spec.name(), "settings", spec.config().asMap()));
        }
        m.put("views", applied);
        m.put("views_per_image", 2);
        m.put("projection", projection);
        m.put("projection_hidden", hidden > 0 ? hidden : "the backbone's feature size");
        return m;
    }
}
