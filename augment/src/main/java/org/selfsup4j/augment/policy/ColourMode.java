package org.selfsup4j.augment.policy;

import java.util.List;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * Colour-free mode for grayscale and medical images: operations that have no meaning on one channel (saturation)
 * are left out of a policy. {@code AUTO} leaves them out for 1-channel images only; {@code ON} always; {@code OFF}
 * never, so such an operation on a 1-channel image is an error.
 */
public enum ColourMode {
    AUTO, ON, OFF;

    public static final List<String> NAMES = List.of("auto", "false", "true");

    /** "auto", "true" (colour-free) or "false". */
    public static ColourMode parse(String value) {
        return switch (value) {
            case "auto" -> AUTO;
            case "true" -> ON;
            case "false" -> OFF;
            default -> throw new SelfSupException(ErrorCode.BAD_CONFIG_VALUE, "Bad value [" + value
                    + "] for setting [colour-free], expected one of " + NAMES, value, NAMES, null);
        };
    }
}
