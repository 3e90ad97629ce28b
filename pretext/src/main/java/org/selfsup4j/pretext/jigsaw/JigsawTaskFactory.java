package org.selfsup4j.pretext.jigsaw;

import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * {@code jigsaw} (Noroozi &amp; Favaro, 2016, "Unsupervised learning of visual representations by solving jigsaw
 * puzzles"): name the permutation that shuffled an image's tiles. Settings: {@code grid=3} (tiles per side, 3 or 2;
 * 2 for tiny images), {@code permutations=100} (classes, chosen by maximal average Hamming distance; up to 1,000, at
 * most 24 for a 2×2 grid, which defaults to all 24), {@code seed=1} (of the permutation set), {@code hidden=512}
 * (width of the layer on the concatenated tile features), {@code gray-share=0.3} (colour images shown gray). Tile
 * size, gap and jitter follow from the image size ({@link JigsawGeometry}).
 */
public final class JigsawTaskFactory implements PretextTaskFactory {
    public static final String NAME = "jigsaw";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "solve a jigsaw puzzle: which of P permutations shuffled the image's 3x3 (or 2x2) tiles; siamese tiles";
    }

    @Override
    public PretextTask create(ComponentConfig config, Augmenters augmenters) {
        int grid = config.getInt("grid", 3);
        if (grid != 2 && grid != 3) {
            throw config.badValue("grid", String.valueOf(grid), "3 (3x3 tiles, the paper's) or 2 (2x2, for tiny images)");
        }
        int maxCount = grid == 3 ? 1000 : 24;
        int count = config.getInt("permutations", grid == 3 ? 100 : 24);
        if (count < 2 || count > maxCount) {
            throw config.badValue("permutations", String.valueOf(count), "2 to " + maxCount + " for a " + grid + "x" + grid + " grid");
        }
        long seed = config.getInt("seed", 1);
        int hidden = config.getInt("hidden", 512);
        if (hidden <= 0) {
            throw config.badValue("hidden", String.valueOf(hidden), "a positive layer width");
        }
        double grayShare = config.getDouble("gray-share", 0.3);
        if (grayShare < 0 || grayShare > 1) {
            throw config.badValue("gray-share", String.valueOf(grayShare), "a share in [0, 1]");
        }
        config.requireAllKeysRead(NAME);
        return new JigsawTask(grid, PermutationSet.maximalHamming(grid * grid, count, seed), hidden, grayShare);
    }
}
