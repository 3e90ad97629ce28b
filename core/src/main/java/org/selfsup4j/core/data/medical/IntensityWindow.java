package org.selfsup4j.core.data.medical;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * How a gray medical image's values (after the modality rescale: Hounsfield units for CT) become [0, 1], once, at
 * load time. {@code auto} (the default) uses the file's own window when it has one — DICOM's Window Center/Width,
 * NIfTI's {@code cal_min}/{@code cal_max} — and otherwise clips at the 0.5th and 99.5th percentiles (of each DICOM
 * frame, of each NIfTI volume); {@code percentile} always clips; {@code C,W} or a named CT preset
 * fixes the window. A window maps through DICOM's linear VOI function (PS3.3 C.11.2.1.2.1); MONOCHROME1 images are
 * inverted afterwards, so white is always 1.
 *
 * <p>Presets (CT, in HU; the usual radiology windows): {@code lung} -600/1500, {@code mediastinum} 50/350,
 * {@code bone} 400/1800, {@code brain} 40/80, {@code soft-tissue} 50/400.
 */
public record IntensityWindow(String spec, double center, double width) {
    /** Share of the values clipped at each end by the percentile window. */
    public static final double CLIP_PERCENT = 0.5;
    private static final Map<String, double[]> PRESETS = new TreeMap<>(Map.of(
            "lung", new double[] {-600, 1500},
            "mediastinum", new double[] {50, 350},
            "bone", new double[] {400, 1800},
            "brain", new double[] {40, 80},
            "soft-tissue", new double[] {50, 400}));

    /** The default: the file's own window, else the percentile clip. */
    public static IntensityWindow auto() {
        return new IntensityWindow("auto", Double.NaN, Double.NaN);
    }

    /** Every name {@link #parse} accepts besides {@code C,W}. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(List.of("auto", "percentile"));
        names.addAll(PRESETS.keySet());
        return names;
    }

    /** {@code auto}, {@code percentile}, a preset name, or {@code center,width} (width at least 1). */
    public static IntensityWindow parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("auto") || s.equals("percentile")) {
            return new IntensityWindow(s, Double.NaN, Double.NaN);
        }
        if (PRESETS.containsKey(s)) {
            return new IntensityWindow(s, PRESETS.get(s)[0], PRESETS.get(s)[1]);
        }
        String[] parts = s.split(",");
        try {
            if (parts.length == 2) {
                double center = Double.parseDouble(parts[0].trim());
                double width = Double.parseDouble(parts[1].trim());
                if (width >= 1 && Double.isFinite(center) && Double.isFinite(width)) {
                    return new IntensityWindow(center + "," + width, center, width);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown window [" + spec + "]: give center,width (width "
                + ">= 1, e.g. 40,80) or one of " + names(), spec, names(), null);
    }

    /** Whether the window is fixed by the user (a preset or {@code C,W}). */
    public boolean fixed() {
        return !Double.isNaN(center);
    }

    /**
     * Maps one gray frame's modality values to [0, 1] as this window says, for {@code file} (whose own window
     * {@code auto} may use, and whose MONOCHROME1 is inverted).
     */
    public float[] apply(double[] values, DicomFile file) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        float[] out = file.hasWindow() ? map(f, file.windowCenter(), Math.max(1, file.windowWidth()))
                : map(f, Double.NaN, Double.NaN);
        if (file.whiteIsZero()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = 1f - out[i];
            }
        }
        return out;
    }

    /**
     * Maps values (a DICOM frame, a whole NIfTI volume) to [0, 1]: a fixed window as it says; {@code auto} through
     * the data's own window ({@code ownCenter}, {@code ownWidth}; NaN when it has none), else the percentile clip.
     */
    public float[] map(float[] values, double ownCenter, double ownWidth) {
        if (fixed()) {
            return linear(values, center, width);
        }
        if (spec.equals("auto") && !Double.isNaN(ownCenter) && ownWidth >= 1) {
            return linear(values, ownCenter, ownWidth);
        }
        return percentileClip(values);
    }

    /** DICOM's linear VOI function with output range [0, 1]. */
    static float[] linear(float[] values, double c, double w) {
        float[] out = new float[values.length];
        double low = c - 0.5 - (w - 1) / 2;
        double high = c - 0.5 + (w - 1) / 2;
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            out[i] = x <= low ? 0f : x > high ? 1f : (float) ((x - (c - 0.5)) / (w - 1) + 0.5);
        }
        return out;
    }

    /** Linear from the 0.5th to the 99.5th percentile (nearest rank), clipped; a constant image maps to 0. */
    static float[] percentileClip(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double low = sorted[rank(sorted.length, CLIP_PERCENT)];
        double high = sorted[rank(sorted.length, 100 - CLIP_PERCENT)];
        float[] out = new float[values.length];
        if (high <= low) {
            return out;
        }
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) Math.min(1, Math.max(0, (values[i] - low) / (high - low)));
        }
        return out;
    }

    private static int rank(int n, double percent) {
        return (int) Math.min(n - 1, Math.max(0, Math.ceil(percent / 100 * n) - 1));
    }
}
