package org.selfsup4j.pretext.jigsaw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.HeadBuilder;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.pretext.patches.Patches;

/**
 * Jigsaw puzzles (Noroozi &amp; Favaro, 2016): an image is cut into g×g tiles ({@link JigsawGeometry}), the tiles are
 * shuffled by one of the {@link PermutationSet}'s permutations, and the network names the permutation. Each tile goes
 * through the one backbone (tiles folded into the batch axis), the tile features are concatenated in input order,
 * and a hidden layer plus a linear layer classify the permutation. Each tile is standardised to mean 0 and standard
 * deviation 1 per channel (so tiles cannot be matched by brightness or contrast), and on colour images a share of
 * the images is turned gray and each channel is jittered by a few pixels (so they cannot be matched by chromatic
 * aberration).
 */
final class JigsawTask implements PretextTask {
    private final int grid;
    private final PermutationSet permutations;
    private final int hidden;
    private final double grayShare;

    JigsawTask(int grid, PermutationSet permutations, int hidden, double grayShare) {
        this.grid = grid;
        this.permutations = permutations;
        this.hidden = hidden;
        this.grayShare = grayShare;
    }

    @Override
    public InputShape inputShape(InputShape imageShape) {
        JigsawGeometry g = JigsawGeometry.of(imageShape, grid);
        return new InputShape(imageShape.channels(), g.tile(), g.tile());
    }

    @Override
    public int inputsPerExample() {
        return grid * grid;
    }

    @Override
    public void addHead(HeadBuilder head) {
        head.concatenatedMlp("jigsaw_fc", hidden, permutations.size());
    }

    @Override
    public String defaultLoss() {
        return "cross-entropy";
    }

    @Override
    public PretextBatch makeBatch(List<Image> images, Random random) {
        List<Image> inputs = new ArrayList<>(images.size() * inputsPerExample());
        int[] labels = new int[images.size()];
        for (int n = 0; n < images.size(); n++) {
            Image image = images.get(n);
            JigsawGeometry g = JigsawGeometry.of(image.shape(), grid);
            if (image.channels() == 3 && random.nextDouble() < grayShare) {
                image = Patches.gray(image);
            }
            Image[] tiles = cut(image, g, random);
            labels[n] = random.nextInt(permutations.size());
            for (int slot : permutations.get(labels[n])) {
                inputs.add(tiles[slot]);
            }
        }
        return new PretextBatch(inputs, inputsPerExample(), PerExample.classes(labels, permutations.size()), null);
    }

    /** The g×g tiles of {@code image} in reading order, each placed at random in its cell and standardised. */
    static Image[] cut(Image image, JigsawGeometry g, Random random) {
        Image[] tiles = new Image[g.tiles()];
        int c = image.channels();
        for (int row = 0; row < g.grid(); row++) {
            for (int col = 0; col < g.grid(); col++) {
                int[] at = g.origin(row, col, random);
                int y = at[0];
                int x = at[1];
                int[] ys = new int[c];
                int[] xs = new int[c];
                for (int ch = 0; ch < c; ch++) {
                    ys[ch] = shifted(y, g.channelJitter(), image.height() - g.tile(), random);
                    xs[ch] = shifted(x, g.channelJitter(), image.width() - g.tile(), random);
                }
                tiles[row * g.grid() + col] = Patches.standardise(Patches.crop(image, ys, xs, g.tile(), g.tile()));
            }
        }
        return tiles;
    }

    private static int shifted(int at, int jitter, int max, Random random) {
        if (jitter == 0) {
            return at;
        }
        return Math.max(0, Math.min(max, at + random.nextInt(2 * jitter + 1) - jitter));
    }

    @Override
    public Map<String, Object> describe(InputShape imageShape) {
        Map<String, Object> m = new LinkedHashMap<>(JigsawGeometry.of(imageShape, grid).describe());
        m.put("permutations", permutations.size());
        m.put("permutation_mean_hamming", permutations.meanHamming());
        m.put("permutation_min_hamming", permutations.minHamming());
        m.put("classes", permutations.asLists());
        return m;
    }

    PermutationSet permutations() {
        return permutations;
    }
}
