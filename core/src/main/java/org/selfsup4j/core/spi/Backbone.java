package org.selfsup4j.core.spi;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.selfsup4j.core.image.InputShape;

/**
 * A feature extractor, built into a DL4J computation graph. Input is NCHW in [0, 1]. A backbone exposes two taps
 * under fixed vertex names: {@value #FEATURE_MAP}, its last spatial feature map (rank 4, for decoders and dense
 * heads), and {@value #FEATURES}, that map globally pooled into a vector per image (rank 2, {@link #featureSize()}
 * wide, for classifiers and probes). Global pooling keeps a backbone size-agnostic: trained on tiles, it runs on
 * whole images. Everything after the backbone belongs to a head; fine-tuning keeps exactly what
 * {@value #FEATURES} depends on.
 */
public interface Backbone {
    /** The rank-4 feature map vertex. */
    String FEATURE_MAP = "feature_map";
    /** The rank-2 pooled feature vertex. */
    String FEATURES = "features";

    /**
     * Adds this backbone's layers to {@code graph}, reading from vertex {@code input} of shape {@code shape}. Must add
     * vertices named {@value #FEATURE_MAP} and {@value #FEATURES}, and no vertex named {@code head} or {@code output}.
     */
    void addTo(ComputationGraphConfiguration.GraphBuilder graph, String input, InputShape shape);

    /** Width of the pooled feature vector (the channels of the feature map). */
    int featureSize();
}
