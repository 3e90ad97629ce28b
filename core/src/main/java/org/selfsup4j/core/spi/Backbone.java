package org.selfsup4j.core.spi;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.selfsup4j.core.image.InputShape;

/**
 * A feature extractor, built into a DL4J computation graph. Input is NCHW in [0, 1]; the output is a feature
 * vector per image (rank 2, {@link #featureSize()} wide). Pretext heads and downstream heads attach to the vertex
 * whose name {@link #addTo} returns; fine-tuning keeps everything up to it.
 */
public interface Backbone {
    /**
     * Adds this backbone's layers to {@code graph}, reading from vertex {@code input} of shape {@code shape}, and
     * returns the name of the vertex that emits the features.
     */
    String addTo(ComputationGraphConfiguration.GraphBuilder graph, String input, InputShape shape);

    /** Width of the feature vector. */
    int featureSize();
}
