package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.LabeledImages;

/** The first images of the Debian package's Fashion-MNIST, for tests that train on real images. */
final class InstalledFashionMnist {
    private InstalledFashionMnist() {
    }

    /** The first {@code n} images of {@code part}; fails with the package to install when it is missing. */
    static LabeledImages head(FashionMnist.Part part, int n) {
        assertTrue(FashionMnist.isPresent(FashionMnist.DEBIAN_FOLDER),
                "Fashion-MNIST missing: apt-get install -y dataset-fashion-mnist");
        return FashionMnist.load(FashionMnist.DEBIAN_FOLDER, part).head(n);
    }
}
