package org.selfsup4j.trainer.semisup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.trainer.train.TrainedModel;

class HeadlineTest {
    private static final InputShape SHAPE = new InputShape(1, 1, 2);

    /** A 2-pixel, 2-class softmax classifier: {@code right} predicts the brighter pixel's index, otherwise the other one. */
    private static TrainedModel classifier(boolean right) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(1, 2, 1))
                .addLayer("head", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "input")
                .addLayer("output", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "head")
                .setOutputs("output").build());
        g.init();
        float d = right ? 5 : -5;
        g.getLayer("head").setParam("W", Nd4j.create(new float[][] {{d, -d}, {-d, d}}));
        g.getLayer("head").setParam("b", Nd4j.zeros(DataType.FLOAT, 1, 2));
        return TrainedModel.classifier(g, SHAPE, List.of("left", "right"));
    }

    /** Four images, bright on the left (class 0) or the right (class 1). */
    private static LabeledImages validation() {
        List<Image> images = List.of(new Image(1, 1, 2, new float[] {1, 0}), new Image(1, 1, 2, new float[] {0, 1}),
                new Image(1, 1, 2, new float[] {0.9f, 0.1f}), new Image(1, 1, 2, new float[] {0.2f, 0.8f}));
        return new LabeledImages(images, new int[] {0, 1, 0, 1}, List.of("left", "right"));
    }

    private static SemiSupervisedTrainer.Result result(TrainedModel raw, TrainedModel averaged) {
        return new SemiSupervisedTrainer.Result(raw, averaged, 0, null);
    }

    @Test
    void withoutAValidationSetTheAverageIsTheHeadlineWhateverTheWeightsScore() {
        TrainedModel good = classifier(true);
        TrainedModel bad = classifier(false);
        Headline h = Headline.choose(result(good, bad), true, null);
        assertEquals(Headline.EMA, h.weights());
        assertSame(bad, h.model());
        assertNull(h.validationEma());
    }

    @Test
    void aValidationSetPicksTheNetworkThatScoresHigherOnIt() {
        TrainedModel good = classifier(true);
        TrainedModel bad = classifier(false);
        Headline rawWins = Headline.choose(result(good, bad), true, validation());
        assertEquals(Headline.RAW, rawWins.weights());
        assertSame(good, rawWins.model());
        assertEquals(1.0, rawWins.validationRaw().accuracy(), 1e-9);
        assertEquals(0.0, rawWins.validationEma().accuracy(), 1e-9);

        Headline emaWins = Headline.choose(result(bad, good), true, validation());
        assertEquals(Headline.EMA, emaWins.weights());
        assertSame(good, emaWins.model());
    }

    @Test
    void aTieGoesToTheAverageAndNoAverageMeansTheRawWeights() {
        TrainedModel a = classifier(true);
        TrainedModel b = classifier(true);
        Headline tie = Headline.choose(result(a, b), true, validation());
        assertEquals(Headline.EMA, tie.weights());
        assertSame(b, tie.model());
        Headline noEma = Headline.choose(result(a, b), false, validation());
        assertEquals(Headline.RAW, noEma.weights());
        assertSame(a, noEma.model());
    }
}
