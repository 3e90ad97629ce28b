package org.selfsup4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.SslLoss;

/**
 * Each built-in loss in the head shape the trainer uses (identity dense → LossLayer), in double precision: DL4J's
 * numerical gradient check with soft targets and real-valued per-example weights (label mask), a hand-computed value,
 * and independence of the batch size.
 */
class LossGradientTest {
    @org.junit.jupiter.api.BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @org.junit.jupiter.api.AfterAll
    static void singlePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static ComputationGraph head(SslLoss loss, int nIn, int nOut) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("head", new DenseLayer.Builder().nIn(nIn).nOut(nOut).activation(Activation.IDENTITY).build(), "in")
                .addLayer("out", new LossLayer.Builder(loss.lossFunction()).activation(loss.outputActivation()).build(), "head")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    static boolean gradientsMatch(SslLoss loss, INDArray labels, INDArray weights) {
        Nd4j.getRandom().setSeed(3);
        INDArray in = Nd4j.rand(DataType.DOUBLE, labels.rows(), 5).subi(0.5);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(head(loss, 5, (int) labels.columns()))
                .inputs(new INDArray[] {in}).labels(new INDArray[] {labels})
                .labelMask(weights == null ? null : new INDArray[] {weights})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
    }

    @Test
    void crossEntropyGradientIsRightWithSoftTargetsAndRealWeights() {
        SslLoss ce = new CrossEntropyLossFactory().create(ComponentConfig.empty());
        INDArray soft = Nd4j.create(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}, {1, 0, 0}, {0.3, 0.3, 0.4}});
        assertTrue(gradientsMatch(ce, soft, null));
        assertTrue(gradientsMatch(ce, soft, Nd4j.create(new double[][] {{0.25}, {2.0}, {0.0}, {1.0}})));
    }

    @Test
    void mseGradientIsRightForBothOutputActivations() {
        INDArray targets = Nd4j.create(new double[][] {{0.2, 0.9}, {0.5, 0.1}, {0.7, 0.7}});
        assertTrue(gradientsMatch(new MeanSquaredErrorLossFactory().create(ComponentConfig.empty()), targets, null));
        assertTrue(gradientsMatch(new MeanSquaredErrorLossFactory().create(ComponentConfig.parse("output=sigmoid")), targets,
                Nd4j.create(new double[][] {{0.5}, {1.5}, {1.0}})));
    }

    @Test
    void crossEntropyValueByHandAndIndependentOfBatchSize() {
        SslLoss ce = new CrossEntropyLossFactory().create(ComponentConfig.empty());
        // logits (0, ln 2): softmax (1/3, 2/3); target class 1: loss = -ln(2/3)
        INDArray logits = Nd4j.create(new double[][] {{0, Math.log(2)}});
        INDArray target = Nd4j.create(new double[][] {{0, 1}});
        double one = ce.lossFunction().computeScore(target, logits, ce.outputActivation(), null, true);
        assertEquals(-Math.log(2.0 / 3), one, 1e-12);
        double two = ce.lossFunction().computeScore(Nd4j.vstack(target, target), Nd4j.vstack(logits, logits),
                ce.outputActivation(), null, true);
        assertEquals(one, two, 1e-12);
    }

    @Test
    void perExampleWeightsScaleEachExamplesLossExactly() {
        SslLoss ce = new CrossEntropyLossFactory().create(ComponentConfig.empty());
        INDArray logits = Nd4j.create(new double[][] {{0, Math.log(2)}, {Math.log(3), 0}});
        INDArray targets = Nd4j.create(new double[][] {{0, 1}, {0, 1}});
        double l1 = -Math.log(2.0 / 3);
        double l2 = -Math.log(1.0 / 4);
        INDArray weights = Nd4j.create(new double[][] {{0.5}, {2.0}});
        double weighted = ce.lossFunction().computeScore(targets, logits, ce.outputActivation(), weights, true);
        // mean over the batch of weight × loss: (0.5 l1 + 2 l2) / 2
        assertEquals((0.5 * l1 + 2 * l2) / 2, weighted, 1e-12);
    }
}
