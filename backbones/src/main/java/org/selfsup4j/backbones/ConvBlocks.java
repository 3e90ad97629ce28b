package org.selfsup4j.backbones;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.activations.Activation;

/** The layer triple both built-in backbones are made of: conv (no bias) → batch norm → optional ReLU. */
final class ConvBlocks {
    /** The {@code reluName} that names the ReLU {@code name_relu}. */
    static final String RELU = "_relu";
    /** The {@code reluName} for no ReLU. */
    static final String NO_RELU = null;

    private ConvBlocks() {
    }

    /**
     * Adds {@code name_conv}, {@code name_bn} and, unless {@code reluName} is {@link #NO_RELU}, a ReLU named
     * {@code name_relu} ({@link #RELU}) or {@code reluName} after {@code input}; returns the last vertex's name.
     * Padding is (kernel - 1) / 2 with truncate mode, as in PyTorch.
     */
    static String convBn(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int kernel, int stride,
                         int nOut, String reluName) {
        int pad = (kernel - 1) / 2;
        g.addLayer(name + "_conv", new ConvolutionLayer.Builder(kernel, kernel)
                .stride(stride, stride).padding(pad, pad).nOut(nOut).hasBias(false)
                .activation(Activation.IDENTITY).build(), input);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name + "_conv");
        if (reluName == null) {
            return name + "_bn";
        }
        String relu = RELU.equals(reluName) ? name + RELU : reluName;
        g.addLayer(relu, new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return relu;
    }
}
