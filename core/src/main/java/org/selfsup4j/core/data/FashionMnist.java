package org.selfsup4j.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * Fashion-MNIST (Xiao et al., 2017) from a folder holding the four official IDX files
 * ({@code train-images-idx3-ubyte.gz} and so on, gzipped or not). The official split: 60,000 training images,
 * 10,000 test images ({@code t10k}); scores are reported on the test split only.
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    public static final List<String> CLASS_NAMES = List.of("t-shirt", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle-boot");

    /** Which official part. */
    public enum Part {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Part(String prefix) {
            this.prefix = prefix;
        }
    }

    private FashionMnist() {
    }

    /** True if {@code folder} holds both parts' image and label files. */
    public static boolean isPresent(Path folder) {
        for (Part part : Part.values()) {
            if (find(folder, part.prefix + "-images-idx3-ubyte") == null
                    || find(folder, part.prefix + "-labels-idx1-ubyte") == null) {
                return false;
            }
        }
        return true;
    }

    public static LabeledImages load(Path folder, Part part) {
        Path images = require(folder, part.prefix + "-images-idx3-ubyte");
        Path labels = require(folder, part.prefix + "-labels-idx1-ubyte");
        return IdxReader.readLabeled(images, labels, CLASS_NAMES);
    }

    private static Path require(Path folder, String base) {
        Path found = find(folder, base);
        if (found == null) {
            throw new SelfSupException(ErrorCode.DATA_UNAVAILABLE, "Fashion-MNIST file " + base + "[.gz] not found in "
                    + folder + " (install it with: apt-get install -y dataset-fashion-mnist, or pass --data DIR)",
                    folder.toString(), List.of(), null);
        }
        return found;
    }

    private static Path find(Path folder, String base) {
        for (String name : List.of(base + ".gz", base)) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
