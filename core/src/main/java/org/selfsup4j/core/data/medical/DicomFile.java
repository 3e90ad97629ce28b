package org.selfsup4j.core.data.medical;

import java.util.List;

/**
 * The pixel-relevant content of one DICOM file: the image attributes of module C.7.6.3 (Image Pixel), the modality
 * rescale (C.11.1) and the file's own VOI window (C.11.2), and the stored sample values of every frame.
 *
 * @param frames             stored values per frame, before the rescale: {@code [frame][c * rows * columns + y *
 *                           columns + x]} (channel-major even when the file interleaves its samples)
 * @param samplesPerPixel    1 (gray) or 3 (colour)
 * @param photometric        the Photometric Interpretation, e.g. {@code MONOCHROME2}, {@code RGB}, {@code YBR_FULL}
 * @param rescaleSlope       modality rescale slope (1 when absent)
 * @param rescaleIntercept   modality rescale intercept (0 when absent)
 * @param windowCenter       the file's first Window Center, or NaN when it has none
 * @param windowWidth        the file's first Window Width, or NaN when it has none
 * @param modality           Modality (CT, MR, CR, ...), or empty
 * @param transferSyntax     the Transfer Syntax UID
 */
public record DicomFile(List<double[]> frames, int rows, int columns, int samplesPerPixel, String photometric,
                        int bitsAllocated, int bitsStored, boolean signed, double rescaleSlope,
                        double rescaleIntercept, double windowCenter, double windowWidth, String modality,
                        String transferSyntax) {
    public DicomFile {
        frames = List.copyOf(frames);
    }

    /** Whether white is the lowest value (MONOCHROME1, as many CR and DX X-rays are stored). */
    public boolean whiteIsZero() {
        return photometric.equals("MONOCHROME1");
    }

    /** Whether the file has a window of its own (Window Center and a positive Window Width). */
    public boolean hasWindow() {
        return !Double.isNaN(windowCenter) && windowWidth > 0;
    }

    /** Frame {@code f}'s values after the modality rescale (Hounsfield units for CT). */
    public double[] modalityValues(int f) {
        double[] stored = frames.get(f);
        double[] out = new double[stored.length];
        for (int i = 0; i < stored.length; i++) {
            out[i] = stored[i] * rescaleSlope + rescaleIntercept;
        }
        return out;
    }
}
