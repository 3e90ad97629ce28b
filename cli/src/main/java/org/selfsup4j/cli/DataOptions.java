package org.selfsup4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.ChannelPolicy;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.ImageFolderReader;
import org.selfsup4j.core.data.ImageReadOptions;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.data.medical.FrameChoice;
import org.selfsup4j.core.data.medical.IntensityWindow;
import org.selfsup4j.core.data.medical.SliceSelection;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.train.TrainedModel;
import picocli.CommandLine.Option;

/**
 * How a command reads images: the channel and resize policies, bad-file handling, a cap on the count, and for
 * medical images the intensity window, the DICOM frames and the NIfTI slices.
 */
final class DataOptions {
    @Option(names = "--channels", defaultValue = "keep", description = "keep | gray | rgb (default: ${DEFAULT-VALUE})")
    String channels;

    @Option(names = "--resize", description = "resize every image to HxW, for example 64x64 (default: keep; all must match)")
    String resize;

    @Option(names = "--skip-bad", description = "skip and count unreadable image files instead of failing")
    boolean skipBad;

    @Option(names = "--limit", description = "use at most this many images (the first N)")
    Integer limit;

    @Option(names = "--window", description = "how gray DICOM values become [0, 1]: auto (the file's own window, else "
            + "a 0.5-99.5 percentile clip), percentile, a CT preset (lung, mediastinum, bone, brain, soft-tissue) or "
            + "CENTER,WIDTH (default: auto, or the --model/--from model's)")
    String window;

    @Option(names = "--frames", defaultValue = "all", description = "multi-frame DICOM files: all (one image per frame) "
            + "or first (default: ${DEFAULT-VALUE})")
    String frames;

    @Option(names = "--slices", defaultValue = "axial", description = "NIfTI volumes: the slice plane, axial | coronal | "
            + "sagittal (default: ${DEFAULT-VALUE})")
    String slices;

    @Option(names = "--slice-range", defaultValue = "all", description = "NIfTI volumes: all, FROM:TO (0-based, TO "
            + "excluded; axial from inferior, coronal from posterior, sagittal from the left) or P% (the central P "
            + "percent) (default: ${DEFAULT-VALUE})")
    String sliceRange;

    @Option(names = "--decode", defaultValue = "auto", description = "image folders: upfront (decode every file into "
            + "memory), lazy (check every file, decode again when a batch needs it: memory grows with the batch, not the "
            + "data) or auto (lazy when the images as floats would fill more than a quarter of the heap) (default: "
            + "${DEFAULT-VALUE})")
    String decode;

    /** The model whose window applies when --window is not given (evaluation and fine-tuning read as it was trained). */
    private TrainedModel windowSource;
    private boolean noted;

    /** Beyond this side a resized image (4 bytes per value) stops being something a CPU trains on. */
    static final int MAX_SIDE = 4096;

    /** The files skipped by --skip-bad so far, over every read of this command. */
    private final List<Path> skipped = new ArrayList<>();

    ImageReadOptions readOptions() {
        ChannelPolicy policy = switch (channels.toLowerCase()) {
            case "keep" -> ChannelPolicy.KEEP;
            case "gray", "grey" -> ChannelPolicy.GRAY;
            case "rgb" -> ChannelPolicy.RGB;
            default -> throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown --channels [" + channels
                    + "], known: [gray, keep, rgb]", channels, List.of("gray", "keep", "rgb"), null);
        };
        FrameChoice frameChoice = switch (frames.toLowerCase()) {
            case "all" -> FrameChoice.ALL;
            case "first" -> FrameChoice.FIRST;
            default -> throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown --frames [" + frames
                    + "], known: [all, first]", frames, List.of("all", "first"), null);
        };
        ImageReadOptions.Decoding decoding;
        try {
            decoding = ImageReadOptions.Decoding.parse(decode);
        } catch (IllegalArgumentException e) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown --decode [" + decode + "], known: [auto, lazy, "
                    + "upfront]", decode, List.of("auto", "lazy", "upfront"), null);
        }
        ImageReadOptions o = ImageReadOptions.defaults().optChannels(policy).optSkipBad(skipBad).optDecoding(decoding)
                .optWindow(window()).optFrames(frameChoice).optSlices(SliceSelection.parse(slices, sliceRange));
        if (limit != null && limit > 0) {
            o = o.optLimit(limit);   // files past the limit are never decoded
        }
        if (resize != null) {
            String[] hw = resize.toLowerCase().split("x");
            int h;
            int w;
            try {
                h = Integer.parseInt(hw[0]);
                w = Integer.parseInt(hw[1]);
            } catch (RuntimeException e) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad --resize [" + resize
                        + "], expected HEIGHTxWIDTH such as 64x64", resize, List.of(), null);
            }
            if (h <= 0 || w <= 0 || h > MAX_SIDE || w > MAX_SIDE) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad --resize [" + resize + "], expected a height and "
                        + "width from 1 to " + MAX_SIDE + " pixels", resize, List.of(), null);
            }
            o = o.optResize(h, w);
        }
        return o;
    }

    /**
     * The intensity window in force: --window if given, else the window {@code model} was trained with (see
     * {@link #readAs}), else auto.
     */
    IntensityWindow window() {
        if (window != null) {
            IntensityWindow chosen = IntensityWindow.parse(window);
            if (windowSource != null && !windowSource.window().equals(chosen) && !noted) {
                noted = true;
                System.err.println("note: the model was trained on images read with --window "
                        + windowSource.window().spec() + "; these are read with " + chosen.spec());
            }
            return chosen;
        }
        return windowSource != null ? windowSource.window() : IntensityWindow.auto();
    }

    /** Reads images as {@code model}'s training images were read, unless --window says otherwise. */
    void readAs(TrainedModel model) {
        windowSource = model;
    }

    /** {@code spec}: a folder of class sub-folders, a folder of Fashion-MNIST IDX files, or "fashion-mnist". */
    LabeledImages labeled(String spec, FashionMnist.Part part) {
        checkLimit();
        Path fm = fashionMnistFolder(spec);
        LabeledImages data = fm != null ? FashionMnist.load(fm, part)
                : report(new ImageFolderReader(readOptions()).readLabeled(Path.of(spec)));
        return limit == null ? data : data.head(limit);
    }

    /** {@code spec}: any folder of images (recursively), a folder of Fashion-MNIST IDX files, or "fashion-mnist". */
    List<Image> unlabeled(String spec, FashionMnist.Part part) {
        checkLimit();
        Path fm = fashionMnistFolder(spec);
        List<Image> images = fm != null ? FashionMnist.load(fm, part).images()
                : report(new ImageFolderReader(readOptions()).readUnlabeled(Path.of(spec)));
        return limit == null || limit >= images.size() ? images : images.subList(0, limit);
    }

    private void checkLimit() {
        if (limit != null && limit <= 0) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad --limit [" + limit + "], expected a positive number of "
                    + "images", String.valueOf(limit), List.of(), null);
        }
    }

    private <T> T report(ImageFolderReader.Result<T> r) {
        if (!r.skipped().isEmpty()) {
            System.err.println("skipped " + r.skipped().size() + " unreadable files (--skip-bad), first: " + r.skipped().get(0));
            skipped.addAll(r.skipped());
        }
        return r.data();
    }

    /**
     * Records the intensity window and the files {@code --skip-bad} skipped (count and the first 100 names, if any) in
     * {@code run}'s run.json.
     */
    void recordReading(RunFolder run) throws IOException {
        run.put("intensity_window", window().spec());
        run.put("volume_slices", slices + " " + sliceRange);
        run.put("decode", decode);
        if (!skipped.isEmpty()) {
            run.put("skipped_bad_files", Map.of("count", skipped.size(),
                    "files", skipped.stream().limit(100).map(Path::toString).toList()));
        }
    }

    static Path fashionMnistFolder(String spec) {
        if (spec.equals("fashion-mnist")) {
            return FashionMnistLocator.locate(null, System.err);
        }
        Path p = Path.of(spec);
        return FashionMnist.isPresent(p) ? p : null;
    }
}
