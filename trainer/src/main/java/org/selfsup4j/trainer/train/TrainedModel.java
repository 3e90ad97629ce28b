package org.selfsup4j.trainer.train;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.data.medical.IntensityWindow;
import org.selfsup4j.core.image.ConvertedImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.ImageConversion;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.image.StoredImages;

/**
 * A network with what DL4J does not record about it: the shape of its input (a whole image for a classifier; for a
 * pretext network, what its task feeds the backbone: a tile, a patch or the image), its class names (classifiers),
 * the pretext task whose head it carries (pretext networks; empty for classifiers), and the conversion images go
 * through before the backbone sees them ({@link ImageConversion#LIGHTNESS} for colorization's backbones and every
 * classifier fine-tuned from one; {@code inputShape} is the converted shape), and the intensity window its medical
 * training images were read through (so new files are read the same way). Saved by {@code ModelStore}
 * as a plain DL4J model zip with these as extra entries, so plain DL4J can load the network and selfsup4j all of it.
 */
public record TrainedModel(ComputationGraph graph, InputShape inputShape, List<String> classNames, String pretextTask,
                           ImageConversion conversion, IntensityWindow window) {
    public TrainedModel {
        Objects.requireNonNull(graph, "graph is null");
        Objects.requireNonNull(conversion, "conversion is null");
        Objects.requireNonNull(window, "window is null");
        Objects.requireNonNull(inputShape, "inputShape is null");
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(pretextTask, "pretextTask is null");
        if (!pretextTask.isEmpty() && !classNames.isEmpty()) {
            throw new IllegalArgumentException("a pretext network has no class names");
        }
    }

    /** A classifier of {@code classNames} for images of {@code inputShape}. */
    public static TrainedModel classifier(ComputationGraph graph, InputShape inputShape, List<String> classNames) {
        return new TrainedModel(graph, inputShape, classNames, "", ImageConversion.NONE, IntensityWindow.auto());
    }

    /** This model's conversion, applied to {@code images} as each is read (a view: nothing is converted up front). */
    public List<Image> convert(List<Image> images) {
        return conversion == ImageConversion.NONE ? images : new ConvertedImages(StoredImages.of(images), conversion);
    }

    /** This model's conversion, applied to the images of {@code data} (labels kept). */
    public LabeledImages convert(LabeledImages data) {
        return conversion == ImageConversion.NONE ? data
                : new LabeledImages(convert(data.images()), data.labels(), data.classNames());
    }

    /** The same network and metadata with images converted by {@code conversion} first. */
    public TrainedModel withConversion(ImageConversion conversion) {
        return new TrainedModel(graph, inputShape, classNames, pretextTask, conversion, window);
    }

    /** The same network and metadata, recorded as trained on medical images read through {@code intensityWindow}. */
    public TrainedModel withWindow(IntensityWindow intensityWindow) {
        return new TrainedModel(graph, inputShape, classNames, pretextTask, conversion, intensityWindow);
    }

    /** A pretext network of {@code task}, whose backbone takes inputs of {@code inputShape}. */
    public static TrainedModel pretext(ComputationGraph graph, InputShape inputShape, String task) {
        if (task.isEmpty()) {
            throw new IllegalArgumentException("task is empty");
        }
        return new TrainedModel(graph, inputShape, List.of(), task, ImageConversion.NONE, IntensityWindow.auto());
    }

    /** Whether the head predicts a pretext task rather than classes. */
    public boolean isPretext() {
        return !pretextTask.isEmpty();
    }

    /** Fails, naming both shapes, if images of {@code data} (before this model's conversion) cannot go into this model. */
    public void requireInputShape(InputShape data) {
        InputShape converted = conversion.apply(data);
        if (!inputShape.equals(converted)) {
            ErrorCode code = inputShape.channels() != converted.channels() ? ErrorCode.WRONG_CHANNELS : ErrorCode.MIXED_IMAGE_SIZES;
            throw new SelfSupException(code, "The model takes " + inputShape + " images (channels x height x width) but the data is "
                    + data + " (use --channels / --resize to match)", data.toString(), List.of(inputShape.toString()), null);
        }
    }

    /**
     * Fails if this model's backbone cannot take images of {@code data}: the channels must match (the backbone is
     * size-agnostic, so the height and width may differ from what it was trained on).
     */
    public void requireChannels(InputShape data) {
        if (inputShape.channels() != conversion.apply(data).channels()) {
            throw new SelfSupException(ErrorCode.WRONG_CHANNELS, "The model's backbone takes " + inputShape.channels()
                    + "-channel images but the data has " + data.channels() + " channels (use --channels to match)",
                    String.valueOf(data.channels()), List.of(String.valueOf(inputShape.channels())), null);
        }
    }

    /** Fails with a clear message if this is a pretext network, whose outputs are not the data's classes. */
    public void requireClassifier(String what) {
        if (isPretext()) {
            throw new SelfSupException(ErrorCode.BAD_MODEL, "Cannot " + what + " a pretext network: its head predicts the "
                    + pretextTask + " task, not classes. Fine-tune it first (selfsup finetune --from RUN --protocol "
                    + "full|linear), or score its features with selfsup finetune --from RUN --protocol knn --test DATA",
                    pretextTask, List.of(), null);
        }
    }
}
