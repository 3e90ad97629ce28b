package org.selfsup4j.trainer.train;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.InputShape;

/**
 * A network with what DL4J does not record about it: the image shape it takes and, for a classifier, its class
 * names (empty for a pretext network). Saved by {@code ModelStore} as a plain DL4J model zip with both as extra
 * entries, so plain DL4J can load the network and selfsup4j can load all three.
 */
public record TrainedModel(ComputationGraph graph, InputShape inputShape, List<String> classNames) {
    public TrainedModel {
        Objects.requireNonNull(graph, "graph is null");
        Objects.requireNonNull(inputShape, "inputShape is null");
        classNames = List.copyOf(classNames);
    }

    /** Fails, naming both shapes, if images of {@code data} cannot go into this model. */
    public void requireInputShape(InputShape data) {
        if (!inputShape.equals(data)) {
            ErrorCode code = inputShape.channels() != data.channels() ? ErrorCode.WRONG_CHANNELS : ErrorCode.MIXED_IMAGE_SIZES;
            throw new SelfSupException(code, "The model takes " + inputShape + " images (channels x height x width) but the data is "
                    + data + " (use --channels / --resize to match)", data.toString(), List.of(inputShape.toString()), null);
        }
    }
}
