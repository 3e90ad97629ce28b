package org.selfsup4j.core;

import java.util.List;
import java.util.Objects;

/**
 * The one exception type selfsup4j throws for a problem the user can fix. It carries a {@link ErrorCode}, the
 * offending value and, where there is a closed set of valid values, those values, so that a message can always say
 * what was wrong and what would have been right.
 */
public final class SelfSupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String badValue;
    private final List<String> validChoices;

    public SelfSupException(ErrorCode code, String message, String badValue, List<String> validChoices, Throwable cause) {
        super(Objects.requireNonNull(message, "message is null"), cause);
        this.code = Objects.requireNonNull(code, "code is null");
        this.badValue = badValue;
        this.validChoices = validChoices == null ? List.of() : List.copyOf(validChoices);
    }

    public SelfSupException(ErrorCode code, String message) {
        this(code, message, null, List.of(), null);
    }

    public SelfSupException(ErrorCode code, String message, Throwable cause) {
        this(code, message, null, List.of(), cause);
    }

    /** "Unknown pretext task [jigsw], known: [rotation, vflip]". */
    public static SelfSupException unknownName(String kind, String value, List<String> known) {
        List<String> sorted = known.stream().sorted().toList();
        return new SelfSupException(ErrorCode.UNKNOWN_COMPONENT,
                "Unknown " + kind + " [" + value + "], known: " + sorted, value, sorted, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The value that was wrong, or null where no single value is to blame. */
    public String badValue() {
        return badValue;
    }

    /** The valid values, sorted; empty where the set is open. */
    public List<String> validChoices() {
        return validChoices;
    }
}
