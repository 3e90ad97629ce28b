package org.selfsup4j.core.data.medical;

import java.util.List;
import java.util.Locale;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * Which 2-D slices of a volume become images: the plane ({@code axial} ⊥ z, {@code coronal} ⊥ y, {@code sagittal}
 * ⊥ x, in the RAS+ volume) and the range along its normal: {@code all}, {@code FROM:TO} (0-based, TO excluded,
 * counted as {@link #indices} says) or {@code P%} (the central P percent of the slices).
 */
public record SliceSelection(Plane plane, String range) {
    /** A slice plane. */
    public enum Plane {
        AXIAL, CORONAL, SAGITTAL
    }

    public static SliceSelection defaults() {
        return new SliceSelection(Plane.AXIAL, "all");
    }

    /** {@code plane}: axial | coronal | sagittal; {@code range}: all | FROM:TO | P%. */
    public static SliceSelection parse(String plane, String range) {
        Plane p = switch (plane.trim().toLowerCase(Locale.ROOT)) {
            case "axial" -> Plane.AXIAL;
            case "coronal" -> Plane.CORONAL;
            case "sagittal" -> Plane.SAGITTAL;
            default -> throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown --slices [" + plane
                    + "], known: [axial, coronal, sagittal]", plane, List.of("axial", "coronal", "sagittal"), null);
        };
        SliceSelection s = new SliceSelection(p, range.trim().toLowerCase(Locale.ROOT));
        s.bounds(Integer.MAX_VALUE);   // checks the syntax now, the bounds per volume
        return s;
    }

    /**
     * The slice indices along the plane's normal of a volume with {@code n} slices there, counted in the RAS+
     * volume: axial from inferior, coronal from posterior, sagittal from the subject's left.
     */
    public int[] indices(int n) {
        int[] bounds = bounds(n);
        int[] out = new int[bounds[1] - bounds[0]];
        for (int i = 0; i < out.length; i++) {
            out[i] = bounds[0] + i;
        }
        return out;
    }

    /** {FROM, TO} of {@link #indices}. */
    private int[] bounds(int n) {
        int from = 0;
        int to = n;
        try {
            if (range.endsWith("%")) {
                double share = Double.parseDouble(range.substring(0, range.length() - 1));
                if (!(share > 0 && share <= 100)) {
                    throw badRange("the share must be above 0 and at most 100");
                }
                int count = Math.max(1, (int) Math.round(n * share / 100));
                from = (n - count) / 2;
                to = from + count;
            } else if (range.contains(":")) {
                String[] ab = range.split(":");
                from = Integer.parseInt(ab[0].trim());
                to = Integer.parseInt(ab[1].trim());
                if (from < 0 || to <= from) {
                    throw badRange("FROM must be >= 0 and TO above FROM");
                }
                if (to > n) {
                    throw badRange("the volume has " + n + " " + plane.name().toLowerCase(Locale.ROOT) + " slices");
                }
            } else if (!range.equals("all")) {
                throw badRange("expected all, FROM:TO or P%");
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw badRange("expected all, FROM:TO or P%");
        }
        return new int[] {from, to};
    }

    private SelfSupException badRange(String why) {
        return new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad --slice-range [" + range + "]: " + why, range,
                List.of("all", "FROM:TO", "P%"), null);
    }
}
