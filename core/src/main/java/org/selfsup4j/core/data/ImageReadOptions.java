package org.selfsup4j.core.data;

import java.util.Objects;
import org.selfsup4j.core.data.medical.FrameChoice;
import org.selfsup4j.core.data.medical.IntensityWindow;
import org.selfsup4j.core.data.medical.SliceSelection;

/**
 * How images are read from files: the channel policy, an optional resize target (bilinear; {@code 0} means keep
 * the file's size, and then every image must have the same size), whether unreadable files are skipped and
 * counted instead of failing the read, and for medical images the intensity window, the DICOM frames and the
 * NIfTI slices to read, and whether a folder's images are held in memory or decoded from disk when needed.
 */
public final class ImageReadOptions {
    /** When a folder's pixels are decoded: all at once into memory, or when a batch needs them. */
    public enum Decoding {
        /** Decode every file when the folder is read and hold the images in memory ({@code PackedImages}). */
        UPFRONT,
        /** Check every file when the folder is read, keep only its shape, decode again when needed ({@link FileImages}). */
        LAZY,
        /** {@link #LAZY} when the images would take more than {@link #autoLazyBytes()} as floats, else {@link #UPFRONT}. */
        AUTO;

        /** Above this many bytes of float pixels {@link #AUTO} decodes lazily: a quarter of the JVM's maximum heap. */
        public static long autoLazyBytes() {
            return Runtime.getRuntime().maxMemory() / 4;
        }

        /** Parses {@code auto}, {@code upfront} or {@code lazy} (case-insensitive). */
        public static Decoding parse(String s) {
            for (Decoding d : values()) {
                if (d.name().equalsIgnoreCase(s)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown decoding '" + s + "' (valid: auto, upfront, lazy)");
        }
    }

    private final ChannelPolicy channels;
    private final int resizeHeight;
    private final int resizeWidth;
    private final boolean skipBad;
    private final int limit;
    private final IntensityWindow window;
    private final FrameChoice frames;
    private final SliceSelection slices;
    private final Decoding decoding;

    private ImageReadOptions(ChannelPolicy channels, int resizeHeight, int resizeWidth, boolean skipBad, int limit,
                             IntensityWindow window, FrameChoice frames, SliceSelection slices, Decoding decoding) {
        this.channels = Objects.requireNonNull(channels, "channels is null");
        if (resizeHeight < 0 || resizeWidth < 0 || (resizeHeight == 0) != (resizeWidth == 0)) {
            throw new IllegalArgumentException("resize must be both positive or both 0, got " + resizeHeight + "x" + resizeWidth);
        }
        this.resizeHeight = resizeHeight;
        this.resizeWidth = resizeWidth;
        this.skipBad = skipBad;
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        this.limit = limit;
        this.window = Objects.requireNonNull(window, "window is null");
        this.frames = Objects.requireNonNull(frames, "frames is null");
        this.slices = Objects.requireNonNull(slices, "slices is null");
        this.decoding = Objects.requireNonNull(decoding, "decoding is null");
    }

    /** Keep channels, keep size, fail on a bad file. */
    public static ImageReadOptions defaults() {
        return new ImageReadOptions(ChannelPolicy.KEEP, 0, 0, false, Integer.MAX_VALUE, IntensityWindow.auto(),
                FrameChoice.ALL, SliceSelection.defaults(), Decoding.AUTO);
    }

    public ImageReadOptions optChannels(ChannelPolicy policy) {
        return new ImageReadOptions(policy, resizeHeight, resizeWidth, skipBad, limit, window, frames, slices, decoding);
    }

    public ImageReadOptions optResize(int height, int width) {
        return new ImageReadOptions(channels, height, width, skipBad, limit, window, frames, slices, decoding);
    }

    public ImageReadOptions optSkipBad(boolean skip) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skip, limit, window, frames, slices, decoding);
    }

    /** Read (decode) only the first {@code files} files in reading order; the others are never opened. */
    public ImageReadOptions optLimit(int files) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skipBad, files, window, frames, slices, decoding);
    }

    /** How gray DICOM values become [0, 1] (default: the file's window, else a percentile clip). */
    public ImageReadOptions optWindow(IntensityWindow intensityWindow) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skipBad, limit, intensityWindow, frames, slices, decoding);
    }

    /** Which frames of a multi-frame DICOM file are read (default: all, one image each). */
    public ImageReadOptions optFrames(FrameChoice choice) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skipBad, limit, window, choice, slices, decoding);
    }

    /** Which slices of a NIfTI volume are read (default: every axial slice). */
    public ImageReadOptions optSlices(SliceSelection selection) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skipBad, limit, window, frames, selection, decoding);
    }

    /** When a folder's pixels are decoded (default {@link Decoding#AUTO}). */
    public ImageReadOptions optDecoding(Decoding when) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skipBad, limit, window, frames, slices, when);
    }

    public Decoding decoding() {
        return decoding;
    }

    public SliceSelection slices() {
        return slices;
    }

    public IntensityWindow window() {
        return window;
    }

    public FrameChoice frames() {
        return frames;
    }

    /** The most files to read (Integer.MAX_VALUE: all). */
    public int limit() {
        return limit;
    }

    public ChannelPolicy channels() {
        return channels;
    }

    public boolean resizes() {
        return resizeHeight > 0;
    }

    public int resizeHeight() {
        return resizeHeight;
    }

    public int resizeWidth() {
        return resizeWidth;
    }

    public boolean skipBad() {
        return skipBad;
    }
}
