package org.selfsup4j.core.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.SampleModel;
import java.util.Locale;
import org.selfsup4j.core.data.medical.DicomFile;
import org.selfsup4j.core.data.medical.DicomReader;
import org.selfsup4j.core.data.medical.NiftiVolume;

/**
 * What one image file holds, as its decoder saw it: format (with modality and encoding for DICOM), stored size,
 * channels, bits per sample, and for medical files the range of its values after the modality rescale.
 *
 * @param kind     {@code PNG}, {@code JPEG}, ..., {@code DICOM CT}, {@code NIfTI}
 * @param encoding how the samples are stored, e.g. {@code 16-bit signed MONOCHROME2, Explicit VR Little Endian}
 * @param rawMin   smallest value after the rescale (medical files; NaN for pictures)
 * @param rawMax   largest value after the rescale (medical files; NaN for pictures)
 */
public record FileFacts(String kind, String encoding, int height, int width, int channels, int bitsPerSample,
                        double rawMin, double rawMax) {

    /** The kind and depth, e.g. {@code DICOM CT 12-bit}: what tells files apart when one folder mixes them. */
    public String sort() {
        return kind + " " + bitsPerSample + "-bit";
    }

    static FileFacts of(DicomFile d) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < d.frames().size(); f++) {
            for (double x : d.modalityValues(f)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        String encoding = d.bitsStored() + "-bit " + (d.signed() ? "signed " : "") + d.photometric() + ", "
                + DicomReader.syntaxName(d.transferSyntax());
        return new FileFacts("DICOM" + (d.modality().isEmpty() ? "" : " " + d.modality()), encoding, d.rows(),
                d.columns(), d.samplesPerPixel(), d.bitsStored(), lo, hi);
    }

    static FileFacts of(NiftiVolume v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float x : v.values()) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        int bits = v.dataType().endsWith("8") ? 8 : v.dataType().endsWith("16") ? 16 : v.dataType().endsWith("32") ? 32 : 64;
        return new FileFacts("NIfTI", v.dataType() + ", " + v.orientation(), v.ny(), v.nx(), 1, bits, lo, hi);
    }

    /** A picture of ImageIO format {@code format}, decoded as {@code image} with {@code channels} channels. */
    static FileFacts of(String format, BufferedImage image, int channels) {
        return of(format, image.getColorModel(), image.getSampleModel(), image.getHeight(), image.getWidth(), channels);
    }

    /** A picture of ImageIO format {@code format} whose header gives these models and size, read as {@code channels}. */
    static FileFacts of(String format, ColorModel colours, SampleModel samples, int height, int width, int channels) {
        int bands = samples.getNumBands();
        int bits = samples.getSampleSize(0);
        return new FileFacts(format.toUpperCase(Locale.ROOT).replace("JPG", "JPEG"), bits + "-bit, " + bands
                + (bands == 1 ? " band" : " bands") + (colours.hasAlpha() ? " with alpha" : ""), height, width,
                channels, bits, Double.NaN, Double.NaN);
    }
}
