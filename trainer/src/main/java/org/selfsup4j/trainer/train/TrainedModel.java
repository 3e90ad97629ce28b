package org.selfsup4j.trainer.train;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
}
