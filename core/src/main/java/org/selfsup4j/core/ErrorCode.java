package org.selfsup4j.core;

/**
 * What went wrong, in a form a program can act on. Each code carries the process exit code the CLI uses for it,
 * so scripts can tell a usage mistake (2) from bad data (3), a bad model (4) and an I/O failure (5).
 */
public enum ErrorCode {
    UNKNOWN_COMPONENT(2),
    DUPLICATE_COMPONENT(2),
    UNKNOWN_CONFIG_KEY(2),
    BAD_CONFIG_VALUE(2),
    BAD_ARGUMENT(2),
    MISSING_PATH(3),
    EMPTY_DATA(3),
    BAD_IMAGE(3),
    NOT_AN_IMAGE(3),
    MIXED_IMAGE_SIZES(3),
    WRONG_CHANNELS(3),
    IMAGE_TOO_SMALL(3),
    BAD_IDX_FILE(3),
    TOO_FEW_EXAMPLES(3),
    BAD_SPLIT_FILE(3),
    BAD_MODEL(4),
    IO_FAILURE(5),
    OUT_OF_MEMORY(1),
    DATA_UNAVAILABLE(6),
    TRAINING_DIVERGED(7);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /**
     * The process exit code for this error: 2 usage, 3 data, 4 model, 5 I/O, 6 data set not installed, 7 training
     * diverged (a non-finite loss or weights).
     */
    public int exitCode() {
        return exitCode;
    }
}
