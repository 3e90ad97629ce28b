package org.selfsup4j.pretext.inpainting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.testkit.PretextTaskContract;

class InpaintingTaskTest extends PretextTaskContract {
    @Override
    protected PretextTaskFactory factory() {
        return new InpaintingTaskFactory();
    }

    @Override
    protected List<Image> images() {
        return randomImages(6, 1, 16, 16, 7);
    }

    static double share(boolean[] hole) {
        return (double) HoleMasks.count(hole) / hole.length;
    }

    @Test
    void centralHoleIsTheMiddleQuarter() {
        boolean[] hole = HoleMasks.central(28, 28);
        assertEquals(0.25, share(hole), 1e-12);
        assertTrue(hole[7 * 28 + 7] && hole[20 * 28 + 20] && !hole[6 * 28 + 7] && !hole[21 * 28 + 20]);
    }

    @Test
    void blocksCoverUpToAQuarterAndRegionsTwentyToThirtyPercent() {
        Random r = new Random(3);
        for (int i = 0; i < 200; i++) {
            double b = share(HoleMasks.blocks(28, 28, r));
            assertTrue(b > 0 && b <= 0.25, "blocks " + b);
            double g = share(HoleMasks.region(28, 28, r));
            assertTrue(g > 0.2 && g < 0.3, "region " + g);
            double big = share(HoleMasks.region(128, 128, r));
            assertTrue(big > 0.2 && big < 0.3, "region at 128 px " + big);
        }
    }

    @Test
    void bandIsFourPixelsAt128AndScaledBelow() {
        assertEquals(4, LossWeights.bandFor(128));
        assertEquals(1, LossWeights.bandFor(28));
        assertEquals(2, LossWeights.bandFor(64));
        boolean[] hole = new boolean[10 * 10];
        HoleMasks.fill(hole, 10, 4, 4, 2, 2);
        boolean[] band = LossWeights.band(hole, 10, 10, 1);
        assertEquals(16 - 4, HoleMasks.count(band), "a 1-px ring around a 2x2 hole");
        float[] w = LossWeights.of(hole, band, 10);
        assertEquals(1.0 / (4 + 10 * 12), w[4 * 10 + 4], 1e-7);
        assertEquals(10.0 / (4 + 10 * 12), w[3 * 10 + 3], 1e-7);
        assertEquals(0, w[0]);
    }

    /**
     * The loss as DL4J computes it for the task's batch (a CnnLossLayer under the task's per-pixel mask, the
     * network's output standing in for a prediction): a change of the prediction outside the hole and its band leaves
     * it unchanged, a change inside does not.
     */
    @Test
    void nothingOutsideTheHoleAndBandCountsInTheLoss() {
        PretextTask task = factory().create(ComponentConfig.parse("mask=central"), Augmenters.none()).prepare(images());
        PretextBatch b = task.makeBatch(images(), new Random(2));
        ComputationGraph loss = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("prediction").setInputTypes(InputType.convolutional(16, 16, 1))
                .addLayer("out", new CnnLossLayer.Builder(new LossMSE()).activation(Activation.IDENTITY).build(), "prediction")
                .setOutputs("out").build());
        loss.init();
        INDArray targets = Batches.stack(b.targets());
        INDArray mask = Batches.stack(b.mask());
        INDArray prediction = targets.dup().addi(0.1);
        double base = loss.score(new DataSet(prediction, targets, null, mask));
        INDArray outside = prediction.dup();
        outside.putScalar(new int[] {0, 0, 0, 0}, 5f);   // a corner: far from the central hole's band
        outside.putScalar(new int[] {1, 0, 15, 2}, -3f);
        assertEquals(base, loss.score(new DataSet(outside, targets, null, mask)), 1e-9);
        INDArray inside = prediction.dup();
        inside.putScalar(new int[] {0, 0, 8, 8}, 5f);
        assertNotEquals(base, loss.score(new DataSet(inside, targets, null, mask)), 1e-6);
        assertEquals(0.01, base, 1e-6, "weights sum to 1 per image: the loss of a uniform error is its square");
    }

    @Test
    void theHoleIsFilledWithTheMeanOfTheTrainingImages() {
        InpaintingTask task = (InpaintingTask) factory().create(ComponentConfig.parse("mask=central"), Augmenters.none())
                .prepare(images());
        double mean = 0;
        for (Image im : images()) {
            for (float v : im.pixels()) {
                mean += v;
            }
        }
        mean /= images().size() * 256.0;
        Image input = task.makeBatch(images(), new Random(1)).inputs().get(0);
        assertEquals(mean, input.get(0, 8, 8), 1e-5);
        assertEquals(images().get(0).get(0, 0, 0), input.get(0, 0, 0));
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(SelfSupException.class, () -> factory().create(ComponentConfig.parse("mask=triangle"), Augmenters.none()));
        assertThrows(SelfSupException.class, () -> factory().create(ComponentConfig.parse("band-weight=-1"), Augmenters.none()));
        assertThrows(SelfSupException.class, () -> factory().create(ComponentConfig.parse("band=100"), Augmenters.none()));
    }
}
