package org.selfsup4j.core.spi;

/**
 * The head a pretext task needs on top of the backbone's feature vector: {@code outputs} values per example,
 * as class scores ({@link Kind#CLASSIFICATION}, trained with a softmax loss) or as raw values
 * ({@link Kind#REGRESSION}, for example pixels).
 */
public record HeadSpec(Kind kind, int outputs) {
    public enum Kind { CLASSIFICATION, REGRESSION }

    public HeadSpec {
        if (kind == null) {
            throw new IllegalArgumentException("kind is null");
        }
        if (outputs <= 0) {
            throw new IllegalArgumentException("outputs must be positive, got " + outputs);
        }
    }

    public static HeadSpec classification(int classes) {
        return new HeadSpec(Kind.CLASSIFICATION, classes);
    }

    public static HeadSpec regression(int outputs) {
        return new HeadSpec(Kind.REGRESSION, outputs);
    }
}
