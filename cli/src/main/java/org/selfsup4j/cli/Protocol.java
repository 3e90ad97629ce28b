package org.selfsup4j.cli;

import java.util.List;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/** How a pretrained backbone is scored on the labels: fine-tuned whole, linearly probed, or by a kNN vote. */
enum Protocol {
    FULL, LINEAR, KNN;

    static final List<String> NAMES = List.of("full", "linear", "knn");

    /** {@code --protocol NAME}; {@code --freeze} is the old spelling of {@code linear}. */
    static Protocol parse(String name, boolean freeze) {
        Protocol p = parse(name);
        if (freeze && p == KNN) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--freeze means --protocol linear; it cannot be combined "
                    + "with --protocol knn", name, NAMES, null);
        }
        return freeze ? LINEAR : p;
    }

    static Protocol parse(String name) {
        return switch (name.toLowerCase()) {
            case "full" -> FULL;
            case "linear" -> LINEAR;
            case "knn" -> KNN;
            default -> throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown --protocol [" + name + "], known: "
                    + NAMES, name, NAMES, null);
        };
    }
}
