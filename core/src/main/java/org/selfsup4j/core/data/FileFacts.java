package org.selfsup4j.core.data;

import java.nio.file.Path;
import javax.imageio.ImageTypeSpecifier;
import org.selfsup4j.core.data.medical.DicomFile;
import org.selfsup4j.core.data.medical.DicomReader;
import org.selfsup4j.core.data.medical.NiftiReader;
import org.selfsup4j.core.data.medical.NiftiVolume;

/**
 * What one image file holds, from its header: format (with modality and encoding for DICOM), stored size, channels,
 * bits per sample, and for medical files the range of its values after the modality rescale.
 *
 * @param kind     {@code PNG}, {@code JPEG}, ..., {@code DICOM CT}, {@code NIfTI}
 * @param encoding how the samples are stored, e.g. {@code 16-bit signed MONOCHROME2, Explicit VR Little Endian}
 * @param images   how many 2-D images the file gives (DICOM frames; NIfTI slices are counted by the reader)
 * @param rawMin   smallest value after the rescale (medical files; NaN for pictures)
 * @param rawMax   largest value after the rescale (medical files; NaN for pictures)
 */
public record FileFacts(String kind, String encoding, int height, int width, int channels, int bitsPerSample,
                        int images, double rawMin, double rawMax) {

    /** Reads {@code file}'s facts; an unreadable file is a {@link org.selfsup4j.core.SelfSupException} naming it. */
    public static FileFacts of(Path file) {
        if (NiftiReader.isNifti(file)) {
            NiftiVolume v = NiftiReader.read(file);
            return new FileFacts("NIfTI", v.dataType() + ", " + v.nx() + "x" + v.ny() + "x" + v.nz()
                    + (v.nt() > 1 ? "x" + v.nt() : "") + " voxels, " + v.orientation(), v.ny(), v.nx(), 1,
                    bits(v.dataType()), v.nz() * v.nt(), min(v.values()), max(v.values()));
        }
        if (ImageDecoder.isDicom(file)) {
            DicomFile d = DicomReader.read(file);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int f = 0; f < d.frames().size(); f++) {
                for (double x : d.modalityValues(f)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            String kind = "DICOM" + (d.modality().isEmpty() ? "" : " " + d.modality());
            String encoding = d.bitsStored() + "-bit " + (d.signed() ? "signed " : "") + d.photometric()
                    + ", " + DicomReader.syntaxName(d.transferSyntax());
            return new FileFacts(kind, encoding, d.rows(), d.columns(), d.samplesPerPixel(), d.bitsStored(),
                    d.frames().size(), lo, hi);
        }
        return picture(file);
    }

    private static FileFacts picture(Path file) {
        return ImageDecoder.withReader(file, reader -> {
            ImageTypeSpecifier type = reader.getImageTypes(0).next();
            int bands = type.getNumBands();
            boolean alpha = type.getColorModel().hasAlpha();
            int channels = bands - (alpha ? 1 : 0) >= 3 ? 3 : 1;
            String kind = reader.getFormatName().toUpperCase(java.util.Locale.ROOT).replace("JPG", "JPEG");
            int bits = type.getSampleModel().getSampleSize(0);
            return new FileFacts(kind, bits + "-bit, " + bands + (bands == 1 ? " band" : " bands")
                    + (alpha ? " with alpha" : ""), reader.getHeight(0), reader.getWidth(0), channels, bits, 1,
                    Double.NaN, Double.NaN);
        });
    }

    private static int bits(String type) {
        return type.endsWith("8") ? 8 : type.endsWith("16") ? 16 : type.endsWith("32") ? 32 : 64;
    }

    private static double min(float[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (float v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(float[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
