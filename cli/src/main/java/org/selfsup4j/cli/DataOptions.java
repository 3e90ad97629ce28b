package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.ChannelPolicy;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.ImageFolderReader;
import org.selfsup4j.core.data.ImageReadOptions;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
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

    ImageReadOptions readOptions() {
        ChannelPolicy policy = switch (channels.toLowerCase()) {
            case "keep" -> ChannelPolicy.KEEP;
            case "gray", "grey" -> ChannelPolicy.GRAY;
            case "rgb" -> ChannelPolicy.RGB;
            default -> throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown --channels [" + channels
                    + "], known: [gray, keep, rgb]", channels, List.of("gray", "keep", "rgb"), null);
        };
        ImageReadOptions o = ImageReadOptions.defaults().optChannels(policy).optSkipBad(skipBad);
        if (resize != null) {
            String[] hw = resize.toLowerCase().split("x");
            try {
                o = o.optResize(Integer.parseInt(hw[0]), Integer.parseInt(hw[1]));
            } catch (RuntimeException e) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad --resize [" + resize
                        + "], expected HEIGHTxWIDTH such as 64x64", resize, List.of(), null);
            }
        }
        return o;
    }

    /** {@code spec}: a folder of class sub-folders, a folder of Fashion-MNIST IDX files, or "fashion-mnist". */
    LabeledImages labeled(String spec, FashionMnist.Part part) {
        Path fm = fashionMnistFolder(spec);
        LabeledImages data = fm != null ? FashionMnist.load(fm, part)
                : report(new ImageFolderReader(readOptions()).readLabeled(Path.of(spec)));
        return limit == null ? data : data.head(limit);
    }

    /** {@code spec}: any folder of images (recursively), a folder of Fashion-MNIST IDX files, or "fashion-mnist". */
    List<Image> unlabeled(String spec, FashionMnist.Part part) {
        Path fm = fashionMnistFolder(spec);
        List<Image> images = fm != null ? FashionMnist.load(fm, part).images()
                : report(new ImageFolderReader(readOptions()).readUnlabeled(Path.of(spec)));
        return limit == null || limit >= images.size() ? images : images.subList(0, limit);
    }

    private static <T> T report(ImageFolderReader.Result<T> r) {
        if (!r.skipped().isEmpty()) {
            System.err.println("skipped " + r.skipped().size() + " unreadable files (--skip-bad), first: " + r.skipped().get(0));
        }
        return r.data();
    }

    static Path fashionMnistFolder(String spec) {
        if (spec.equals("fashion-mnist")) {
            return FashionMnistLocator.locate(null, System.err);
        }
        Path p = Path.of(spec);
        return FashionMnist.isPresent(p) ? p : null;
    }
}
