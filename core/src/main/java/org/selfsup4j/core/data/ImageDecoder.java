package org.selfsup4j.core.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.medical.DicomFile;
import org.selfsup4j.core.data.medical.DicomImages;
import org.selfsup4j.core.data.medical.DicomReader;
import org.selfsup4j.core.data.medical.FrameChoice;
import org.selfsup4j.core.data.medical.NiftiReader;
import org.selfsup4j.core.data.medical.NiftiVolume;
import org.selfsup4j.core.data.medical.VolumeImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;

/**
 * Decodes one image file into {@link Image}s: a picture (PNG, JPEG, BMP, GIF by its ending; 8- or 16-bit gray, RGB,
 * with or without alpha) gives one, DICOM (told by its content, whatever its name; {@link DicomReader}) one per frame,
 * a NIfTI volume ({@code .nii}, {@code .nii.gz}; {@link NiftiReader}) one per chosen slice. Picture samples are read
 * from the raster at their stored bit depth and divided by the depth's maximum (255, 65535), so 16-bit images keep
 * their precision; palette images go through their colour model (a palette of grays, as in 1-, 2- and 4-bit gray
 * PNGs, gives one channel). Alpha is dropped. A file the decoder warns about (a JPEG cut short, whose missing part
 * would come out gray) and a CMYK/YCCK image (whose fourth channel cannot be dropped) are unreadable, not silently
 * wrong. The file's format is decided once, here. Stateless and thread-safe.
 */
public final class ImageDecoder {
    /** The endings of the picture formats read (through ImageIO). */
    public static final Set<String> PICTURE_SUFFIXES = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private ImageDecoder() {
    }

    /** The one image of {@code file} (the first frame of a multi-frame DICOM file). */
    public static Image decode(Path file, ImageReadOptions options) {
        return decodeFrames(file, options.optFrames(FrameChoice.FIRST)).get(0);
    }

    /** The images of {@code file}, as the class comment says. */
    public static List<Image> decodeFrames(Path file, ImageReadOptions options) {
        return decodeWithFacts(file, options).images();
    }

    /** The images of a file and the facts of the file that gave them. */
    public record Decoded(List<Image> images, FileFacts facts) {
    }

    /**
     * {@link #decodeFrames}, with the file's {@link FileFacts} from the same read. A file that is none of the readable
     * kinds is {@link ErrorCode#NOT_AN_IMAGE}, naming them.
     */
    public static Decoded decodeWithFacts(Path file, ImageReadOptions options) {
        List<Image> decoded;
        FileFacts facts;
        if (NiftiReader.isNifti(file)) {
            NiftiVolume volume = NiftiReader.read(file);
            decoded = VolumeImages.toImages(file, volume, options.window(), options.slices());
            facts = FileFacts.of(volume);
        } else if (isDicom(file)) {
            DicomFile dicom = DicomReader.read(file);
            decoded = DicomImages.toImages(dicom, options.window(), options.frames());
            facts = FileFacts.of(dicom);
        } else if (isPicture(file)) {
            Picture picture = read(file);
            Image image = toImage(picture.image());
            decoded = List.of(image);
            facts = FileFacts.of(picture.format(), picture.image(), image.channels());
        } else {
            throw new SelfSupException(ErrorCode.NOT_AN_IMAGE, "Not an image file: " + file + " (readable: DICOM by "
                    + "content, NIfTI .nii/.nii.gz, and the endings " + PICTURE_SUFFIXES.stream().sorted().toList() + ")",
                    file.toString(), PICTURE_SUFFIXES.stream().sorted().toList(), null);
        }
        List<Image> out = new ArrayList<>(decoded.size());
        for (Image image : decoded) {
            Image converted = convertChannels(image, options.channels(), file);
            out.add(options.resizes() ? Resize.bilinear(converted, options.resizeHeight(), options.resizeWidth())
                    : converted);
        }
        return new Decoded(out, facts);
    }

    /** The shapes a file's images take under the read options, and the file's facts: {@link #readHeader}. */
    public record Header(List<InputShape> shapes, FileFacts facts) {
    }

    /**
     * What {@link #decodeWithFacts} would give, without decoding the pixels where the format allows: a picture's shape
     * and facts come from its header alone (size, colour type, palette, bit depth), with the same channel rule,
     * channel policy and resize, and a CMYK picture is refused as when decoded. So a picture whose pixel data is
     * corrupt or cut short passes here and fails when decoded. DICOM and NIfTI files, whose facts include the range of
     * their values, and pictures whose header does not say their colour type, are decoded.
     */
    public static Header readHeader(Path file, ImageReadOptions options) {
        if (isPicture(file) && !NiftiReader.isNifti(file) && !isDicom(file)) {
            Header header = withReader(file, reader -> {
                ImageTypeSpecifier type = reader.getRawImageType(0);
                if (type == null) {
                    return null;
                }
                ColorModel colours = type.getColorModel();
                int bands = type.getSampleModel().getNumBands();
                requireNotCmyk(file, colours, bands);
                int height = reader.getHeight(0);
                int width = reader.getWidth(0);
                int channels = channelsOf(colours, bands);
                FileFacts facts = FileFacts.of(reader.getFormatName(), colours, type.getSampleModel(), height, width,
                        channels);
                return new Header(List.of(shapeAfter(options, channels, height, width)), facts);
            });
            if (header != null) {
                return header;
            }
        }
        Decoded decoded = decodeWithFacts(file, options);
        return new Header(decoded.images().stream().map(Image::shape).toList(), decoded.facts());
    }

    /** The shape of an image of {@code channels} x {@code height} x {@code width} after the channel policy and resize. */
    private static InputShape shapeAfter(ImageReadOptions options, int channels, int height, int width) {
        int c = switch (options.channels()) {
            case GRAY -> 1;
            case RGB -> 3;
            case KEEP -> channels;
        };
        return options.resizes() ? new InputShape(c, options.resizeHeight(), options.resizeWidth())
                : new InputShape(c, height, width);
    }

    /** Whether {@link #decodeFrames} would try {@code file}: a picture or NIfTI by its ending, DICOM by its content. */
    public static boolean readable(Path file) {
        return isPicture(file) || NiftiReader.isNifti(file) || isDicom(file);
    }

    private static boolean isPicture(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && PICTURE_SUFFIXES.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether {@code file}'s first bytes are DICOM's (a missing or unreadable file is left to the decoder). */
    public static boolean isDicom(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomReader.looksLikeDicom(in.readNBytes(132));
        } catch (IOException e) {
            return false;
        }
    }

    /** A decoded picture and its ImageIO format name. */
    private record Picture(BufferedImage image, String format) {
    }

    private static Picture read(Path file) {
        return withReader(file, reader -> {
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage img = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new SelfSupException(ErrorCode.BAD_IMAGE, "Truncated or corrupt image " + file + ": the decoder "
                        + "reports " + warnings + " (the pixels it could not read would be made up)",
                        file.toString(), List.of(), null);
            }
            requireNotCmyk(file, img.getColorModel(), img.getRaster().getNumBands());
            return new Picture(img, reader.getFormatName());
        });
    }

    /** Refuses a CMYK (or YCCK) picture, whose fourth channel cannot be dropped like alpha. */
    private static void requireNotCmyk(Path file, ColorModel colours, int bands) {
        if (colours.getColorSpace().getType() == ColorSpace.TYPE_CMYK || (bands == 4 && !colours.hasAlpha())) {
            throw new SelfSupException(ErrorCode.BAD_IMAGE, "CMYK (or YCCK) image " + file + ": its colours "
                    + "cannot be read as RGB without its colour profile; convert it to RGB first",
                    file.toString(), List.of(), null);
        }
    }

    /** What is done with an open picture reader. */
    private interface ReaderUse<T> {
        T apply(ImageReader reader) throws IOException;
    }

    /**
     * Opens {@code file} with the ImageIO reader its header calls for and applies {@code use}; a dangling link, a
     * file no reader recognises and any decoding failure are {@link SelfSupException}s naming the file.
     */
    private static <T> T withReader(Path file, ReaderUse<T> use) {
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "Dangling symbolic link " + file + ": what it points to "
                    + "does not exist (" + target(file) + ")", file.toString(), List.of(), null);
        }
        try (InputStream raw = Files.newInputStream(file); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new SelfSupException(ErrorCode.NOT_AN_IMAGE, "Not an image (no PNG, JPEG, BMP, GIF or DICOM header): "
                        + file, file.toString(), List.of(), null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return use.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (SelfSupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SelfSupException(ErrorCode.BAD_IMAGE, "Unreadable or truncated image " + file + ": " + e.getMessage(),
                    file.toString(), List.of(), e);
        }
    }

    private static String target(Path link) {
        try {
            return link.resolveSibling(Files.readSymbolicLink(link)).toString();
        } catch (IOException e) {
            return "target unreadable: " + e.getMessage();
        }
    }

    /** Converts a decoded AWT image: gray stays 1 channel, anything with colour becomes 3 (alpha dropped). */
    static Image toImage(BufferedImage img) {
        int h = img.getHeight();
        int w = img.getWidth();
        Raster raster = img.getRaster();
        boolean indexed = img.getColorModel() instanceof IndexColorModel;
        int bands = raster.getNumBands();
        int channels = channelsOf(img.getColorModel(), bands);
        if (indexed && channels == 1) {
            IndexColorModel palette = (IndexColorModel) img.getColorModel();
            float[] px = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = palette.getRed(raster.getSample(x, y, 0)) / 255f;
                }
            }
            return new Image(1, h, w, px);
        }
        if (channels == 1) {
            float max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            float[] px = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = raster.getSample(x, y, 0) / max;
                }
            }
            return new Image(1, h, w, px);
        }
        float[] px = new float[3 * h * w];
        if (indexed || bands < 3) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    px[y * w + x] = ((rgb >> 16) & 0xFF) / 255f;
                    px[h * w + y * w + x] = ((rgb >> 8) & 0xFF) / 255f;
                    px[2 * h * w + y * w + x] = (rgb & 0xFF) / 255f;
                }
            }
            return new Image(3, h, w, px);
        }
        for (int c = 0; c < 3; c++) {
            float max = (1 << raster.getSampleModel().getSampleSize(c)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[c * h * w + y * w + x] = raster.getSample(x, y, c) / max;
                }
            }
        }
        return new Image(3, h, w, px);
    }

    /**
     * The channels a picture of this colour model and band count gives: 1 for gray (with or without alpha) and for a
     * palette of grays, 3 for anything with colour (alpha dropped). The one rule for decoding and for headers.
     */
    private static int channelsOf(ColorModel colours, int bands) {
        if (colours instanceof IndexColorModel palette) {
            return grayPalette(palette) ? 1 : 3;
        }
        return bands == 1 || bands == 2 ? 1 : 3;
    }

    /** Whether every palette entry is a gray (red = green = blue). */
    private static boolean grayPalette(IndexColorModel palette) {
        for (int i = 0; i < palette.getMapSize(); i++) {
            if (palette.getRed(i) != palette.getGreen(i) || palette.getGreen(i) != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    static Image convertChannels(Image image, ChannelPolicy policy, Path file) {
        int hw = image.height() * image.width();
        float[] src = image.pixels();
        if (policy == ChannelPolicy.GRAY && image.channels() == 3) {
            float[] gray = new float[hw];
            for (int i = 0; i < hw; i++) {
                gray[i] = 0.299f * src[i] + 0.587f * src[hw + i] + 0.114f * src[2 * hw + i];
            }
            return new Image(1, image.height(), image.width(), gray);
        }
        if (policy == ChannelPolicy.RGB && image.channels() == 1) {
            float[] rgb = new float[3 * hw];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(src, 0, rgb, c * hw, hw);
            }
            return new Image(3, image.height(), image.width(), rgb);
        }
        return image;
    }
}
