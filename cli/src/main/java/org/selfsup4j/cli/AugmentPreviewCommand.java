package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.data.Seeds;
import org.selfsup4j.trainer.run.ImageGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code selfsup augment-preview}: a grid of originals (first column) beside augmented versions. */
@Command(name = "augment-preview", mixinStandardHelpOptions = true,
        description = "Draw originals beside K augmented versions, to see what the network will see.")
final class AugmentPreviewCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--data", required = true, description = "images: a folder (recursive), a Fashion-MNIST folder, or 'fashion-mnist'")
    String data;

    @Option(names = "--augment", required = true, description = "augmentation pipeline, for example \"randaugment-uda\"")
    String augment;

    @Option(names = "--out", required = true, description = "PNG file to write")
    Path out;

    @Option(names = "--rows", defaultValue = "8", description = "original images (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--versions", defaultValue = "8", description = "augmented versions per image (default: ${DEFAULT-VALUE})")
    int versions;

    @Option(names = "--scale", defaultValue = "3", description = "pixel size in the picture (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        AugmentPipeline pipeline = AugmentPipeline.parse(augment, Composition.start(main.plugins).catalog());
        List<Image> images = dataOptions.unlabeled(data, FashionMnist.Part.TRAIN);
        List<List<Image>> grid = new ArrayList<>();
        List<Image> picked = pick(images, rows, seed);
        for (int r = 0; r < picked.size(); r++) {
            List<Image> row = new ArrayList<>();
            row.add(picked.get(r));
            for (int k = 0; k < versions; k++) {
                row.add(pipeline.apply(picked.get(r), Seeds.stream(seed, 4 + r, k)));
            }
            grid.add(row);
        }
        ImageGrid.write(grid, scale, out);
        System.out.printf("wrote %s: %d images (first column) x %d versions of [%s]%n", out, grid.size(), versions, augment);
        return 0;
    }

    /** {@code rows} images (fewer if there are fewer) drawn with replacement from a seeded stream: the previews' sample. */
    static List<Image> pick(List<Image> images, int rows, long seed) {
        List<Image> picked = new ArrayList<>();
        for (int r = 0; r < Math.min(rows, images.size()); r++) {
            picked.add(images.get((int) Math.floorMod(Seeds.stream(seed, 3, r).nextLong(), images.size())));
        }
        return picked;
    }
}
