package org.selfsup4j.trainer.train;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.InputShape;

/**
 * A network with what DL4J does not record about it: the shape of its input (a whole image for a classifier; for a
 * pretext network, what its task feeds the backbone: a tile, a patch or the image), its class names (classifiers),
 * and the pretext task whose head it carries (pretext networks; empty for classifiers). Saved by {@code ModelStore}
 * as a plain DL4J model zip with these as extra entries, so plain DL4J can load the network and selfsup4j all of it.
 */
public record TrainedModel(ComputationGraph graph, InputShape inputShape, List<String> classNames, String pretextTask) {
    public TrainedModel {
        Objects.requireNonNull(graph, "graph is null");
        Objects.requireNonNull(inputShape, "inputShape is null");
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(pretextTask, "pretextTask is null");
        if (!pretextTask.isEmpty() && !classNames.isEmpty()) {
            throw new IllegalArgumentException("a pretext network has no class names");
        }
    }

    /** A classifier of {@code classNames} for images of {@code inputShape}. */
    public static TrainedModel classifier(ComputationGraph graph, InputShape inputShape, List<String> classNames) {
        return new TrainedModel(graph, inputShape, classNames, "");
    }

    /** A pretext network of {@code task}, whose backbone takes inputs of {@code inputShape}. */
    public static TrainedModel pretext(ComputationGraph graph, InputShape inputShape, String task) {
        if (task.isEmpty()) {
            throw new IllegalArgumentException("task is empty");
        }
        return new TrainedModel(graph, inputShape, List.of(), task);
    }

    /** Whether the head predicts a pretext task rather than classes. */
    public boolean isPretext() {
        return !pretextTask.isEmpty();
    }

    /** Fails, naming both shapes, if images of {@code data} cannot go into this classifier. */
    public void requireInputShape(InputShape data) {
        if (!inputShape.equals(data)) {
            ErrorCode code = inputShape.channels() != data.channels() ? ErrorCode.WRONG_CHANNELS : ErrorCode.MIXED_IMAGE_SIZES;
            throw new SelfSupException(code, "The model takes " + inputShape + " images (channels x height x width) but the data is "
                    + data + " (use --channels / --resize to match)", data.toString(), List.of(inputShape.toString()), null);
        }
    }

    /**
     * Fails if this model's backbone cannot take images of {@code data}: the channels must match (the backbone is
     * size-agnostic, so the height and width may differ from what it was trained on).
     */
    public void requireChannels(InputShape data) {
        if (inputShape.channels() != data.channels()) {
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
