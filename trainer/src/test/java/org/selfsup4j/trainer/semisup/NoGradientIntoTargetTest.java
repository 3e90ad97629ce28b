package org.selfsup4j.trainer.semisup;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The consistency target must be a constant: the step's gradient is that of the objective with the target held
 * fixed, and not that of the objective with the target moving with the weights. Checked in double precision on a
 * small network built the way the trainer builds its head (identity dense → softmax cross-entropy loss layer), with
 * DL4J's gradient check and with finite differences of both objectives.
 */
@ExtendWith(DoublePrecision.class)
class NoGradientIntoTargetTest {
    static final double LAMBDA = 1.0;

    static ComputationGraph network() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build(), "in")
                .addLayer("head", new DenseLayer.Builder().nIn(6).nOut(3).activation(Activation.IDENTITY).build(), "hidden")
                .addLayer("out", new LossLayer.Builder(new LossMCXENT()).activation(Activation.SOFTMAX).build(), "head")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    /** B = 2 labeled rows, then U = 3 clean unlabeled rows and their 3 augmented copies. */
    static final INDArray LABELED = Nd4j.create(new double[][] {{0.3, -0.2, 0.5, 0.1}, {-0.4, 0.6, 0.0, 0.2}});
    static final INDArray ONE_HOT = Nd4j.create(new double[][] {{1, 0, 0}, {0, 0, 1}});
    static final INDArray CLEAN = Nd4j.create(new double[][] {{0.2, 0.1, -0.3, 0.4}, {0.5, -0.5, 0.2, 0.0}, {-0.1, 0.3, 0.3, -0.2}});
    static final INDArray AUGMENTED = Nd4j.create(new double[][] {{0.25, 0.05, -0.2, 0.3}, {0.4, -0.6, 0.1, 0.1}, {0.0, 0.2, 0.4, -0.1}});

    /** Sharpened (T = 0.4) predictions on the clean rows, as plain numbers. */
    static INDArray targets(ComputationGraph g) {
        double[][] p = g.outputSingle(false, CLEAN).toDoubleMatrix();
        double[][] t = new double[p.length][3];
        float[] out = new float[3];
        for (int j = 0; j < p.length; j++) {
            float[] pf = {(float) p[j][0], (float) p[j][1], (float) p[j][2]};
            ConsistencyTargets.uda(0.4, 0.0).target(pf, out);
            for (int k = 0; k < 3; k++) {
                t[j][k] = out[k];
            }
        }
        return Nd4j.create(t);
    }

    static INDArray weights() {
        return Nd4j.create(StepWeights.of(new float[] {1, 1}, new float[] {1, 1, 1}, LAMBDA), new long[] {5, 1}, 'c')
                .castTo(DataType.DOUBLE);
    }

    /** The objective at the current weights with the given consistency target. */
    static double objective(ComputationGraph g, INDArray target) {
        INDArray out = g.outputSingle(false, Nd4j.concat(0, LABELED, AUGMENTED));
        INDArray labels = Nd4j.concat(0, ONE_HOT, target);
        double s = 0;
        INDArray w = weights();
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                s -= w.getDouble(i, 0) * labels.getDouble(i, k) * Math.log(out.getDouble(i, k));
            }
        }
        return s / 5;
    }

    @Test
    void stepGradientIsThatOfTheFixedTargetAndNotOfTheMovingOne() {
        ComputationGraph g = network();
        INDArray fixedTarget = targets(g);
        INDArray features = Nd4j.concat(0, LABELED, AUGMENTED);
        INDArray labels = Nd4j.concat(0, ONE_HOT, fixedTarget);

        // 1. DL4J's own gradient check: analytic gradient = numerical gradient of the weighted loss, target fixed
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {features}).labels(new INDArray[] {labels}).labelMask(new INDArray[] {weights()})
                .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9)));

        // 2. the same analytic gradient, compared with finite differences of both objectives
        g.setInputs(features);
        g.setLabels(labels);
        g.setLayerMaskArrays(null, new INDArray[] {weights()});
        g.computeGradientAndScore();
        // DL4J's raw gradient is summed over the batch (its updater divides by the batch size); the score is the mean
        INDArray analytic = g.getFlattenedGradients().div(5);
        assertEquals(objective(g, fixedTarget), g.score(), 1e-10, "the score is the objective");

        INDArray params = g.params();
        double eps = 1e-6;
        double maxFixedErr = 0;
        double maxMovingDiff = 0;
        for (int p = 0; p < params.length(); p++) {
            double orig = params.getDouble(p);
            params.putScalar(p, orig + eps);
            double fixedPlus = objective(g, fixedTarget);
            double movingPlus = objective(g, targets(g));
            params.putScalar(p, orig - eps);
            double fixedMinus = objective(g, fixedTarget);
            double movingMinus = objective(g, targets(g));
            params.putScalar(p, orig);
            double fixedNumeric = (fixedPlus - fixedMinus) / (2 * eps);
            double movingNumeric = (movingPlus - movingMinus) / (2 * eps);
            maxFixedErr = Math.max(maxFixedErr, Math.abs(analytic.getDouble(p) - fixedNumeric));
            maxMovingDiff = Math.max(maxMovingDiff, Math.abs(analytic.getDouble(p) - movingNumeric));
        }
        assertTrue(maxFixedErr < 1e-7, "gradient vs fixed-target objective: " + maxFixedErr);
        assertTrue(maxMovingDiff > 1e-3, "a gradient that flowed into the target would match the moving objective; "
                + "difference " + maxMovingDiff);
    }
}
