package org.selfsup4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.plugin.Catalog;

class StepMemoryTest {
    private static final InputShape SHAPE = new InputShape(1, 32, 32);

    private static ComputationGraphConfiguration classifier() {
        Catalog catalog = Catalog.discover();
        return Networks.classifier(catalog.backbone("pooled-cnn", ComponentConfig.empty()), 10,
                catalog.loss("cross-entropy", ComponentConfig.empty()), SHAPE, TrainingSettings.defaults())
                .getConfiguration();
    }

    private static long estimate(ComputationGraphConfiguration conf, int inputs) {
        return StepMemory.estimateBytes(conf, SHAPE, inputs).orElseThrow();
    }

    @Test
    void theEstimateIsFixedPartPlusTheSameAmountPerInput() {
        ComputationGraphConfiguration conf = classifier();
        long one = estimate(conf, 1);
        long perInput = estimate(conf, 2) - one;
        assertTrue(perInput > 0);
        // every 32x32 activation of 32 channels alone is 32*32*32*4 bytes: a step's share is many of them
        assertTrue(perInput > 32 * 32 * 32 * 4, "per input " + perInput);
        assertEquals(one + 9 * perInput, estimate(conf, 10));
    }

    @Test
    void theConvolutionBackwardsScratchIsCountedAsThreeOfTheLargestConvolutionOutputs() {
        ComputationGraphConfiguration conf = classifier();
        long with = estimate(conf, 1);
        System.setProperty(FastPath.FAST_CONVOLUTION_PROPERTY, "false");
        try {
            long without = estimate(conf, 1);
            long scratch = with - without;
            long channelAt32x32 = 32 * 32 * 4;
            assertTrue(scratch > 0 && scratch % (3 * channelAt32x32) == 0,
                    "three copies of a whole number of 32x32 float channels: " + scratch);
        } finally {
            System.clearProperty(FastPath.FAST_CONVOLUTION_PROPERTY);
        }
    }

    @Test
    void aBatchThatFitsPassesAndOneThatDoesNotNamesTheLargestThatDoes() {
        ComputationGraphConfiguration conf = classifier();
        long budget = (estimate(conf, 12) + estimate(conf, 16)) / 2;   // 12 inputs fit (3 images of 4), 16 do not
        assertDoesNotThrow(() -> StepMemory.requireFits(conf, SHAPE, 4, 3, budget, "A step", "--batch"));
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> StepMemory.requireFits(conf, SHAPE, 4, 32, budget, "A step", "--batch"));
        assertEquals(ErrorCode.BAD_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("A step of 32 images (128 network inputs of 1x32x32)"), e.getMessage());
        assertTrue(e.getMessage().contains("use --batch 3 or fewer"), e.getMessage());
        assertEquals(List.of("1..3"), e.validChoices());
    }

    @Test
    void whenNotEvenOneImageFitsItAsksForSmallerImages() {
        ComputationGraphConfiguration conf = classifier();
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> StepMemory.requireFits(conf, SHAPE, 1, 8, estimate(conf, 1) - 1, "A step", "--labeled-batch"));
        assertTrue(e.getMessage().contains("not even one image per step fits") && e.getMessage().contains("--resize"),
                e.getMessage());
    }

    @Test
    void rotationCountsFourNetworkInputsPerImage() {
        Catalog catalog = Catalog.discover();
        PretextTask rotation = catalog.pretextTask("rotation", ComponentConfig.empty());
        Image image = new Image(1, 32, 32, new float[32 * 32]);
        TrainingSettings settings = TrainingSettings.defaults().optBatchSize(8);
        ComputationGraphConfiguration conf = Networks.pretextConfiguration(catalog.backbone("pooled-cnn",
                ComponentConfig.empty()), rotation, catalog.loss("cross-entropy", ComponentConfig.empty()), SHAPE, settings);
        assertDoesNotThrow(() -> Pretrainer.requireMemoryFits(conf, rotation, image, settings));
        SelfSupException e = assertThrows(SelfSupException.class, () -> Pretrainer.requireMemoryFits(conf,
                rotation, image, settings.optBatchSize(1 << 20)));   // a million images per step cannot fit anywhere
        assertTrue(e.getMessage().contains("of 1048576 images (4194304 network inputs"), e.getMessage());
    }
}
