package org.selfsup4j.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentSpec;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.trainer.plugin.Catalog;

/**
 * Augmenters applied in order. Parsed from text such as {@code "horizontal-flip,pad-crop(pad=2)"}: names separated by
 * commas, each with optional {@code (key=value;key=value)} or {@code (key=value,key=value)} settings. An empty text
 * is the identity. Stateless: safe to share between worker threads.
 */
public final class AugmentPipeline implements Augmenter {
    private final List<Augmenter> steps;
    private final String spec;

    public AugmentPipeline(List<Augmenter> steps, String spec) {
        this.steps = List.copyOf(steps);
        this.spec = spec;
    }

    public static AugmentPipeline identity() {
        return new AugmentPipeline(List.of(), "");
    }

    public static AugmentPipeline parse(String spec, Catalog catalog) {
        List<Augmenter> steps = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return identity();
        }
        List<String> tokens = ComponentSpec.splitTopLevel(spec).stream().filter(t -> !t.isEmpty()).toList();
        for (int k = 0; k < tokens.size(); k++) {
            String token = tokens.get(k);
            try {
                ComponentSpec step = ComponentSpec.parse(token);
                steps.add(catalog.augmenter(step.name(), step.config()));
            } catch (SelfSupException e) {
                throw new SelfSupException(e.code(), "In augmentation [" + spec + "], step " + (k + 1) + " [" + token
                        + "]: " + e.getMessage(), e.badValue(), e.validChoices(), e);
            }
        }
        return new AugmentPipeline(steps, spec);
    }

    @Override
    public Image apply(Image image, Random random) {
        Image out = image;
        for (Augmenter step : steps) {
            out = step.apply(out, random);
        }
        return out;
    }

    public String spec() {
        return spec;
    }
}
