package org.selfsup4j.trainer.semisup;

import java.util.List;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * Training-signal annealing (UDA, section 3.3): at step t of T, a labeled example leaves the supervised loss once the
 * model's probability for its correct class exceeds η_t = α_t · (1 − 1/K) + 1/K (K classes), where α_t is t/T
 * ({@code LINEAR}), 1 − exp(−5 t/T) ({@code LOG}) or exp(5 (t/T − 1)) ({@code EXP}). {@code NONE} keeps every
 * example (η = 1).
 */
public enum TsaSchedule {
    NONE, LINEAR, LOG, EXP;

    public static final List<String> NAMES = List.of("exp", "linear", "log", "none");

    public static TsaSchedule parse(String name) {
        return switch (name) {
            case "none" -> NONE;
            case "linear" -> LINEAR;
            case "log" -> LOG;
            case "exp" -> EXP;
            default -> throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown TSA schedule [" + name + "], known: "
                    + NAMES, name, NAMES, null);
        };
    }

    /** η_t for step {@code step} of {@code total} with {@code classes} classes. */
    public double threshold(long step, long total, int classes) {
        if (this == NONE) {
            return 1.0;
        }
        double progress = Math.min(1.0, (double) step / Math.max(1, total));
        double alpha = switch (this) {
            case LINEAR -> progress;
            case LOG -> 1 - Math.exp(-5 * progress);
            default -> Math.exp(5 * (progress - 1));
        };
        return alpha * (1 - 1.0 / classes) + 1.0 / classes;
    }
}
