package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.TrainingSettings;

/**
 * Siamese pretext networks: the tiles of an example go through one backbone (their weights are shared by
 * construction), the head regroups them, and the backbone, trained on tiles, takes whole images afterwards.
 */
class SiameseNetworksTest {
    static final Catalog CATALOG = Catalog.discover();
    static final InputShape IMAGE = new InputShape(1, 28, 28);

    static ComputationGraph network(String task, String settings) {
        PretextTask t = CATALOG.pretextTask(task, ComponentConfig.parse(settings));
        return Networks.pretext(CATALOG.backbone("reference-cnn", ComponentConfig.parse("width=4")), t,
                CATALOG.loss("cross-entropy", ComponentConfig.empty()), IMAGE, TrainingSettings.defaults().optSeed(3));
    }

    @Test
    void nineTilesShareOneBackbone() {
        ComputationGraph jigsaw = network("jigsaw", "permutations=10,hidden=16");
        ComputationGraph rotation = network("rotation", "");
        // the backbone has the same parameters whether it sees 1 input per example or 9
        long jigsawBackbone = Networks.featureExtractor(jigsaw, IMAGE).numParams();
        assertEquals(Networks.featureExtractor(rotation, IMAGE).numParams(), jigsawBackbone);
        // head: 9 tiles x 16 features -> 16 hidden -> 10 permutations, nothing else
        assertEquals(jigsawBackbone + (9 * 16 * 16 + 16) + (16 * 10 + 10), jigsaw.numParams());

        // two examples of 9 tiles of 8x8; tile 5 of example 0 is a copy of its tile 0
        INDArray tiles = Nd4j.rand(DataType.FLOAT, 18, 1, 8, 8);
        tiles.slice(5).assign(tiles.slice(0));
        INDArray features = jigsaw.feedForward(tiles, false).get(Backbone.FEATURES);
        assertArrayEquals(new long[] {18, 16}, features.shape());
        assertEquals(features.getRow(0), features.getRow(5), "one set of weights for every tile slot");
        assertNotEquals(features.getRow(0), features.getRow(1));
        INDArray out = jigsaw.outputSingle(false, tiles);
        assertArrayEquals(new long[] {2, 10}, out.shape(), "one prediction per example after regrouping");

        // the last tile of an example reaches the head: changing it alone changes that example's output only
        INDArray changed = tiles.dup();
        changed.slice(8).assign(Nd4j.rand(DataType.FLOAT, 1, 8, 8));
        INDArray out2 = jigsaw.outputSingle(false, changed);
        assertNotEquals(out.getRow(0), out2.getRow(0));
        assertEquals(out.getRow(1), out2.getRow(1));
    }

    @Test
    void aBackboneTrainedOnTilesFineTunesOnWholeImages() {
        ComputationGraph relpos = network("relative-position", "hidden=8");
        assertArrayEquals(new long[] {3, 8}, relpos.outputSingle(false, Nd4j.rand(DataType.FLOAT, 6, 1, 6, 6)).shape());
        ComputationGraph classifier = Networks.withNewHead(relpos, IMAGE, 5,
                CATALOG.loss("cross-entropy", ComponentConfig.empty()), TrainingSettings.defaults(), false);
        assertArrayEquals(new long[] {4, 5}, classifier.outputSingle(false, Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28)).shape());
        assertEquals(relpos.getLayer("backbone_2_conv").params(), classifier.getLayer("backbone_2_conv").params());
        assertNull(classifier.getVertex("relpos_fc"), "the pretext head is dropped");
        assertNull(classifier.getVertex("features_regrouped"));
    }
}
