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
import org.selfsup4j.core.image.Image;
import org.selfsup4j.trainer.run.RunFolder;
import picocli.CommandLine.Option;

/** How a command reads images: the channel and resize policies, bad-file handling, and a cap on the count. */
final class DataOptions {
    @Option(names = "--channels", defaultValue = "keep", description = "keep | gray | rgb (default: ${DEFAULT-VALUE})")
    String channels;

    @Option(names = "--resize", description = "resize every image to HxW, for example 64x64 (default: keep; all must match)")
    String resize;

    @Option(names = "--skip-bad", description = "skip and count unreadable image files instead of failing")
    boolean skipBad;

    @Option(names = "--limit", description = "use at most this many images (the first N)")
    Integer limit;

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
        ImageReadOptions o = ImageReadOptions.defaults().optChannels(policy).optSkipBad(skipBad);
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
     * Records the files {@code --skip-bad} skipped (count and the first 100 names) in {@code run}'s run.json, if any
     * were skipped.
     */
    void recordSkipped(RunFolder run) throws IOException {
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
