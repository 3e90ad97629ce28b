package org.selfsup4j.pretext.corruption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
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
 * Corruption classification: each image is shown clean (class 0, "none") or with one corruption of the list applied
 * (class k for the k-th corruption), the class drawn uniformly; a linear head on the pooled features names it. The
 * corruptions are augmenters asked for by name, with the settings {@link CorruptionStrengths} gives for the image
 * size (always applied, at a strength visible on the data) overridden by any the user wrote, so a plugin's augmenter
 * can be listed as well. The augmenters for an image size are made once and shared (thread-safe).
 */
final class CorruptionTask implements PretextTask {
    private final List<ComponentSpec> corruptions;
    private final Augmenters augmenters;
    private final Map<Integer, List<Augmenter>> bySide = new ConcurrentHashMap<>();

    CorruptionTask(List<ComponentSpec> corruptions, Augmenters augmenters) {
        this.corruptions = List.copyOf(corruptions);
        this.augmenters = augmenters;
    }

    @Override
    public InputShape inputShape(InputShape imageShape) {
        return imageShape;
    }

    @Override
    public void addHead(HeadBuilder head) {
        head.linear(head.features(), head.featureSize(), classes());
    }

    @Override
    public String defaultLoss() {
        return "cross-entropy";
    }

    /** "none" plus one class per corruption. */
    int classes() {
        return corruptions.size() + 1;
    }

    /** The class names, "none" first. */
    List<String> classNames() {
        List<String> names = new ArrayList<>(List.of("none"));
        corruptions.forEach(c -> names.add(c.name()));
        return names;
    }

    @Override
    public PretextBatch makeBatch(List<Image> images, Random random) {
        List<Image> inputs = new ArrayList<>(images.size());
        int[] labels = new int[images.size()];
        for (int n = 0; n < images.size(); n++) {
            Image image = images.get(n);
            labels[n] = random.nextInt(classes());
            inputs.add(labels[n] == 0 ? image : augmentersFor(image.shape()).get(labels[n] - 1).apply(image, random));
        }
        return PretextBatch.single(inputs, PerExample.classes(labels, classes()));
    }

    /** The corruption augmenters for images of {@code shape}, built (and so checked) on first use. */
    List<Augmenter> augmentersFor(InputShape shape) {
        int side = Math.min(shape.height(), shape.width());
        return bySide.computeIfAbsent(side, s -> {
            List<Augmenter> out = new ArrayList<>();
            for (ComponentSpec c : corruptions) {
                Map<String, String> settings = new LinkedHashMap<>(CorruptionStrengths.forSide(c.name(), s));
                settings.putAll(c.config().asMap());
                ComponentConfig config = new ComponentConfig(settings);
                out.add(augmenters.get(c.name(), config));
            }
            return List.copyOf(out);
        });
    }

    @Override
    public Map<String, Object> describe(InputShape imageShape) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes", classNames());
        Map<String, Object> settings = new LinkedHashMap<>();
        int side = Math.min(imageShape.height(), imageShape.width());
        for (ComponentSpec c : corruptions) {
            Map<String, String> s = new LinkedHashMap<>(CorruptionStrengths.forSide(c.name(), side));
            s.putAll(c.config().asMap());
            settings.put(c.name(), s);
        }
        m.put("corruption_settings", settings);
        return m;
    }
}
