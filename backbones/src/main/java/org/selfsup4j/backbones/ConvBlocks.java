package org.selfsup4j.backbones;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.activations.Activation;

/** The layer triple both built-in backbones are made of: conv (no bias) → batch norm → optional ReLU. */
final class ConvBlocks {
    private ConvBlocks() {
    }

    /**
     * Adds {@code name_conv}, {@code name_bn} and, if {@code relu}, {@code name_relu} after {@code input}; returns the
     * last vertex's name. Padding is (kernel - 1) / 2 with truncate mode, as in PyTorch.
     */
    static String convBn(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int kernel, int stride,
                         int nOut, boolean relu) {
        int pad = (kernel - 1) / 2;
        g.addLayer(name + "_conv", new ConvolutionLayer.Builder(kernel, kernel)
                .stride(stride, stride).padding(pad, pad).nOut(nOut).hasBias(false)
                .activation(Activation.IDENTITY).build(), input);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name + "_conv");
        if (!relu) {
            return name + "_bn";
        }
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return name + "_relu";
    }
}
