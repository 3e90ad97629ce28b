package org.selfsup4j.trainer.semisup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.HeadBuilder;

/**
 * The feature-consistency term, in double precision on a network shaped like the trainer's (features → head →
 * softmax loss): DL4J's gradient check of the step's objective with the targets held fixed (the gradient equals the
 * finite differences of the fixed-target objective), its value by hand, and the extra output removed again.
 */
@ExtendWith(DoublePrecision.class)
class FeatureConsistencyTest {
    static ComputationGraph classifier() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(5)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer(Backbone.FEATURES, new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build(), "in")
                .addLayer(HeadBuilder.HEAD, new DenseLayer.Builder().nIn(5).nOut(3).activation(Activation.IDENTITY).build(),
                        Backbone.FEATURES)
                .addLayer(HeadBuilder.OUTPUT, new LossLayer.Builder(new LossMCXENT()).activation(Activation.SOFTMAX).build(),
                        HeadBuilder.HEAD)
                .setOutputs(HeadBuilder.OUTPUT).build());
        g.init();
        return g;
    }

    /** B = 2 labeled rows, then U = 3 strong views; SOURCE are the 3 source views. */
    static final INDArray INPUT = Nd4j.create(new double[][] {{0.3, -0.2, 0.5, 0.1}, {-0.4, 0.6, 0.0, 0.2},
        {0.25, 0.05, -0.2, 0.3}, {0.4, -0.6, 0.1, 0.1}, {0.0, 0.2, 0.4, -0.1}});
    static final INDArray SOURCE = Nd4j.create(new double[][] {{0.3, -0.2, 0.5, 0.1}, {-0.4, 0.6, 0.0, 0.2},
        {0.2, 0.1, -0.3, 0.4}, {0.5, -0.5, 0.2, 0.0}, {-0.1, 0.3, 0.3, -0.2}});
    static final INDArray LABELS = Nd4j.create(new double[][] {{1, 0, 0}, {0, 0, 1}, {0.2, 0.5, 0.3}, {0.6, 0.2, 0.2},
        {0.1, 0.1, 0.8}});
    static final INDArray CLASS_WEIGHTS = Nd4j.create(new double[][] {{2.5}, {2.5}, {5.0 / 3}, {0}, {5.0 / 3}});

    static MultiDataSet step(ComputationGraph g, double w, FeatureConsistency.Distance d) {
        INDArray[] pass = g.output(false, SOURCE);
        return new MultiDataSet(new INDArray[] {INPUT}, new INDArray[] {LABELS, FeatureConsistency.targets(pass[1], 2)},
                null, new INDArray[] {CLASS_WEIGHTS, FeatureConsistency.weights(2, 3, w, d).castTo(DataType.DOUBLE)});
    }

    @Test
    void gradientEqualsFiniteDifferencesOfTheFixedTargetObjective() {
        for (FeatureConsistency.Distance d : FeatureConsistency.Distance.values()) {
            ComputationGraph g = FeatureConsistency.withOutput(classifier());
            MultiDataSet data = step(g, 0.7, d);
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                    .inputs(data.getFeatures()).labels(data.getLabels()).labelMask(data.getLabelsMaskArrays())
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)), d.id());
        }
    }

    @Test
    void theAddedTermIsWTimesTheMeanDistanceOverTheUnlabeledRows() {
        ComputationGraph plain = classifier();
        ComputationGraph g = FeatureConsistency.withOutput(classifier());
        double w = 0.7;
        INDArray[] strong = g.output(false, INPUT);
        INDArray[] source = g.output(false, SOURCE);
        INDArray z = strong[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray t = source[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        double mse = 0;
        double cosine = 0;
        for (int j = 0; j < 3; j++) {
            double sq = z.getRow(j).sub(t.getRow(j)).norm2Number().doubleValue();
            mse += sq * sq / 3;
            double cos = z.getRow(j).mul(t.getRow(j)).sumNumber().doubleValue()
                    / (z.getRow(j).norm2Number().doubleValue() * t.getRow(j).norm2Number().doubleValue());
            cosine += (1 - cos) / 3;
            assertEquals(1, z.getRow(j).norm2Number().doubleValue(), 1e-9, "normalised");
        }
        double classification = plain.score(new org.nd4j.linalg.dataset.DataSet(INPUT, LABELS, null, CLASS_WEIGHTS));
        assertEquals(classification + w * mse, g.score(step(g, w, FeatureConsistency.Distance.MSE)), 1e-7);
        g.clearLayerMaskArrays();   // score() leaves the label masks set
        assertEquals(classification + w * cosine, g.score(step(g, w, FeatureConsistency.Distance.COSINE)), 1e-7);
        assertEquals(w * mse, FeatureConsistency.term(z, t, w, FeatureConsistency.Distance.MSE), 1e-9);
    }

    @Test
    void theExtraOutputIsRemovedAndTheClassifierKeepsItsWeights() {
        ComputationGraph g = FeatureConsistency.withOutput(classifier());
        ComputationGraph back = FeatureConsistency.withoutOutput(g);
        assertNull(back.getVertex(FeatureConsistency.OUTPUT));
        assertEquals(1, back.getNumOutputArrays());
        assertEquals(g.params(), back.params());
        assertEquals(classifier().outputSingle(false, INPUT), back.outputSingle(false, INPUT));
    }
}
