package org.selfsup4j.trainer.semisup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.HeadBuilder;

/** {@link TargetPass} against batch normalisation computed by hand, in double precision. */
@ExtendWith(DoublePrecision.class)
class TargetPassTest {
    /**
     * The target pass normalises with the batch's own statistics (hand-computed here), not the running ones, and leaves
     * the running statistics as they were. The running mean is set far off so that inference mode would differ.
     */
    @Test
    void predictionsUseTheBatchStatisticsAndLeaveTheRunningStatisticsAlone() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer(Backbone.FEATURES, new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(5).eps(1e-5).build(), Backbone.FEATURES)
                .addLayer(HeadBuilder.HEAD, new DenseLayer.Builder().nIn(5).nOut(3).activation(Activation.IDENTITY).build(), "bn")
                .addLayer(HeadBuilder.OUTPUT, new LossLayer.Builder(new LossMCXENT()).activation(Activation.SOFTMAX).build(),
                        HeadBuilder.HEAD)
                .setOutputs(HeadBuilder.OUTPUT).build());
        g.init();
        g = MixMatch.withOutput(g);
        g.getLayer("bn").getParam("mean").assign(50);
        INDArray runningBefore = g.getLayer("bn").params().dup();

        INDArray p = TargetPass.outputs(g, FeatureConsistencyTest.INPUT)[0];

        INDArray f = FeatureConsistencyTest.INPUT.mmul(g.getParam(Backbone.FEATURES + "_W"))
                .addiRowVector(g.getParam(Backbone.FEATURES + "_b"));
        INDArray mean = f.mean(0);
        INDArray centred = f.subRowVector(mean);
        INDArray variance = centred.mul(centred).mean(0);   // biased, as batch normalisation uses
        INDArray y = centred.divRowVector(Transforms.sqrt(variance.add(1e-5)))
                .mulRowVector(g.getParam("bn_gamma")).addiRowVector(g.getParam("bn_beta"));
        INDArray expected = Transforms.softmax(y.mmul(g.getParam(HeadBuilder.HEAD + "_W"))
                .addiRowVector(g.getParam(HeadBuilder.HEAD + "_b")), false);
        assertArrayEquals(expected.data().asDouble(), p.data().asDouble(), 1e-9);
        assertEquals(runningBefore, g.getLayer("bn").params(), "the running statistics are unchanged");
        assertTrue(g.output(false, FeatureConsistencyTest.INPUT)[0].sub(p).amaxNumber().doubleValue() > 0.01,
                "inference mode (running mean 50) would have given other probabilities");
    }
}
