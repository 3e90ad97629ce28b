package org.selfsup4j.core.data;

import java.util.Objects;
import org.selfsup4j.core.data.medical.FrameChoice;
import org.selfsup4j.core.data.medical.IntensityWindow;
import org.selfsup4j.core.data.medical.SliceSelection;

/**
 * How images are read from files: the channel policy, an optional resize target (bilinear; {@code 0} means keep
 * the file's size, and then every image must have the same size), whether unreadable files are skipped and
 * counted instead of failing the read, and for medical images the intensity window, the DICOM frames and the
 * NIfTI slices to read.
 */
public final class ImageReadOptions {
    private final ChannelPolicy channels;
    private final int resizeHeight;
    private final int resizeWidth;
    private final boolean skipBad;
    private final int limit;
    private final IntensityWindow window;
    private final FrameChoice frames;
    private final SliceSelection slices;

    private ImageReadOptions(ChannelPolicy channels, int resizeHeight, int resizeWidth, boolean skipBad, int limit,
                             IntensityWindow window, FrameChoice frames, SliceSelection slices) {
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
    }

    /** Keep channels, keep size, fail on a bad file. */
    public static ImageReadOptions defaults() {
        return new ImageReadOptions(ChannelPolicy.KEEP, 0, 0, false, Integer.MAX_VALUE, IntensityWindow.auto(),
                FrameChoice.ALL, SliceSelection.defaults());
    }

    public ImageReadOptions optChannels(ChannelPolicy policy) {
        return new ImageReadOptions(policy, resizeHeight, resizeWidth, skipBad, limit, window, frames, slices);
    }

    public ImageReadOptions optResize(int height, int width) {
        return new ImageReadOptions(channels, height, width, skipBad, limit, window, frames, slices);
    }

    public ImageReadOptions optSkipBad(boolean skip) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skip, limit, window, frames, slices);
    }

    /** Read (decode) only the first {@code files} files in reading order; the others are never opened. */
    public ImageReadOptions optLimit(int files) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skipBad, files, window, frames, slices);
    }

    /** How gray DICOM values become [0, 1] (default: the file's window, else a percentile clip). */
    public ImageReadOptions optWindow(IntensityWindow intensityWindow) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skipBad, limit, intensityWindow, frames, slices);
    }

    /** Which frames of a multi-frame DICOM file are read (default: all, one image each). */
    public ImageReadOptions optFrames(FrameChoice choice) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skipBad, limit, window, choice, slices);
    }

    /** Which slices of a NIfTI volume are read (default: every axial slice). */
    public ImageReadOptions optSlices(SliceSelection selection) {
        return new ImageReadOptions(channels, resizeHeight, resizeWidth, skipBad, limit, window, frames, selection);
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
