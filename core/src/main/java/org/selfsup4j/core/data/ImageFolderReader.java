package org.selfsup4j.core.data;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.image.PackedImages;
import org.selfsup4j.core.image.StoredImages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads folders of image files. Labeled data: one sub-folder per class ({@code root/cat/1.png}), class names sorted.
 * Unlabeled data: every image file below {@code root}, recursively, in sorted path order. Hidden files are ignored.
 * All images must end up with one shape (see {@link ImageReadOptions} for the resize and channel policies); a file
 * that cannot be decoded fails the read with its name, or is skipped and counted with {@code skipBad}. Decoded
 * lazily ({@link ImageReadOptions.Decoding}), the folder is checked from the files' headers alone
 * ({@link ImageDecoder#readHeader}: sizes, channels, unreadable headers), so that training starts without decoding
 * every file; a picture whose pixel data is corrupt is then named when a batch first decodes it. With
 * {@code skipBad} every file is decoded up front all the same, since skipping needs to know.
 * Decoding runs on all cores; the result order does not depend on the thread count.
 */
public final class ImageFolderReader {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderReader.class);

    private final ImageReadOptions options;

    public ImageFolderReader(ImageReadOptions options) {
        this.options = Objects.requireNonNull(options, "options is null");
    }

    /** The images read, the file of each (a multi-frame DICOM file once per frame) and the files skipped. */
    public record Result<T>(T data, List<Path> files, List<Path> skipped) {
    }

    /** Class sub-folders of {@code root}, each holding that class's images (recursively). */
    public Result<LabeledImages> readLabeled(Path root) {
        requireFolder(root);
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !isHidden(p)).sorted().toList();
        } catch (IOException e) {
            throw ioFailure(root, e);
        }
        if (classDirs.isEmpty()) {
            throw new SelfSupException(ErrorCode.EMPTY_DATA, "No class sub-folders in " + root
                    + ": labeled data needs one folder per class (root/CLASS/image.png)", root.toString(), List.of(), null);
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            List<Path> classFiles = listFiles(classDirs.get(c));
            if (classFiles.isEmpty()) {
                throw new SelfSupException(ErrorCode.EMPTY_DATA, "Class folder " + classDirs.get(c) + " holds no files",
                        classDirs.get(c).toString(), List.of(), null);
            }
            classNames.add(classDirs.get(c).getFileName().toString());
            for (Path f : classFiles) {
                files.add(f);
                fileLabels.add(c);
            }
        }
        if (files.size() > options.limit()) {
            files = files.subList(0, options.limit());
        }
        Decoded decoded = decodeAll(root, files);
        int[] labels = new int[decoded.images().size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = fileLabels.get(decoded.source()[k]);
        }
        return new Result<>(new LabeledImages(decoded.images(), labels, classNames), decoded.files(), decoded.skipped());
    }

    /** Every image file below {@code root}. */
    public Result<List<Image>> readUnlabeled(Path root) {
        requireFolder(root);
        List<Path> files = listFiles(root);
        if (files.isEmpty()) {
            throw new SelfSupException(ErrorCode.EMPTY_DATA, "No files in " + root, root.toString(), List.of(), null);
        }
        Decoded decoded = decodeAll(root, files.size() > options.limit() ? files.subList(0, options.limit()) : files);
        return new Result<>(decoded.images(), decoded.files(), decoded.skipped());
    }

    /** The images decoded (a multi-frame file gives several), the file of each, its index in the list, the skipped. */
    private record Decoded(StoredImages images, List<Path> files, int[] source, List<Path> skipped) {
    }

    /**
     * Whether {@code files} are decoded lazily: as the options say, or for {@link ImageReadOptions.Decoding#AUTO} when
     * the first readable file's images, times the number of files, would take more than
     * {@link ImageReadOptions.Decoding#autoLazyBytes()} as floats (said on the log, with the way to choose).
     */
    private boolean decodesLazily(Path root, List<Path> files) {
        switch (options.decoding()) {
            case UPFRONT:
                return false;
            case LAZY:
                return true;
            default:
                break;
        }
        for (Path f : files.subList(0, Math.min(files.size(), 8))) {
            List<Image> first;
            try {
                first = ImageDecoder.decodeWithFacts(f, options).images();
            } catch (SelfSupException e) {
                continue;   // reported by the pass over every file
            }
            long bytes = 4L * first.size() * first.get(0).shape().size() * files.size();
            long limit = ImageReadOptions.Decoding.autoLazyBytes();
            boolean lazy = bytes > limit;
            if (lazy) {
                LOG.warn("{}: about {} MB of images as floats, more than a quarter of the {} MB heap: decoding them "
                        + "when batches need them (--decode upfront holds them in memory)", root, bytes >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
            }
            return lazy;
        }
        return false;
    }

    private Decoded decodeAll(Path root, List<Path> files) {
        boolean lazy = decodesLazily(root, files);
        PackedImages[] images = new PackedImages[files.size()];
        InputShape[][] shapes = new InputShape[files.size()][];
        String[] kinds = new String[files.size()];
        SelfSupException[] errors = new SelfSupException[files.size()];
        boolean headersOnly = lazy && !options.skipBad();
        if (headersOnly) {
            LOG.info("{}: reading the headers of {} files (sizes, channels); their pixels are decoded when batches need "
                    + "them, so a file whose pixel data is corrupt stops the run when first read, naming it (--skip-bad "
                    + "or --decode upfront decodes every file before training)", root, files.size());
        }
        java.util.stream.IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                if (headersOnly) {
                    ImageDecoder.Header header = ImageDecoder.readHeader(files.get(i), options);
                    shapes[i] = header.shapes().toArray(InputShape[]::new);
                    kinds[i] = header.facts().sort();
                    return;
                }
                ImageDecoder.Decoded decoded = ImageDecoder.decodeWithFacts(files.get(i), options);
                if (lazy) {
                    shapes[i] = decoded.images().stream().map(Image::shape).toArray(InputShape[]::new);
                } else {
                    images[i] = PackedImages.of(decoded.images());   // packed now: the floats of one file at a time
                    shapes[i] = java.util.stream.IntStream.range(0, images[i].size()).mapToObj(images[i]::shape)
                            .toArray(InputShape[]::new);
                }
                kinds[i] = decoded.facts().sort();
            } catch (SelfSupException e) {
                errors[i] = e;
            }
        });
        PackedImages.Builder kept = PackedImages.builder(lazy ? 0 : files.size());
        List<InputShape> keptShapes = new ArrayList<>();
        List<Integer> indexInFile = new ArrayList<>();
        List<Path> keptFiles = new ArrayList<>();
        List<Integer> source = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (errors[i] != null) {
                if (!options.skipBad()) {
                    throw errors[i];
                }
                LOG.warn("skipped {}", errors[i].getMessage());
                skipped.add(files.get(i));
                continue;
            }
            for (int k = 0; k < shapes[i].length; k++) {
                if (!keptShapes.isEmpty()) {
                    requireSameShape(keptFiles.get(0), keptShapes.get(0), files.get(i), shapes[i][k]);
                }
                if (!lazy) {
                    kept.add(images[i], k);
                }
                keptShapes.add(shapes[i][k]);
                indexInFile.add(k);
                keptFiles.add(files.get(i));
                source.add(i);
            }
        }
        if (keptShapes.isEmpty()) {
            throw new SelfSupException(ErrorCode.EMPTY_DATA, "No readable images in " + root + " (" + skipped.size()
                    + " files skipped)", root.toString(), List.of(), null);
        }
        StoredImages stored = lazy
                ? new FileImages(keptFiles, indexInFile.stream().mapToInt(Integer::intValue).toArray(), keptShapes, options)
                : kept.build();
        warnIfMixed(root, kinds);
        return new Decoded(stored, keptFiles, source.stream().mapToInt(Integer::intValue).toArray(), skipped);
    }

    /**
     * Says so when one folder mixes kinds of files (DICOM modalities or bit depths, NIfTI data types, pictures of
     * several depths): each file is mapped to [0, 1] on its own, which the user should know.
     */
    private void warnIfMixed(Path root, String[] kinds) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String kind : kinds) {
            if (kind != null) {
                counts.merge(kind, 1, Integer::sum);
            }
        }
        if (counts.size() > 1) {
            LOG.warn("{} mixes kinds of files {}: each file is mapped to [0, 1] on its own (window {}: a file's own "
                    + "window or range, else its percentiles; 8- and 16-bit pictures by their full scale), so their "
                    + "values are comparable only roughly; give --window CENTER,WIDTH for one scale, or use one kind per "
                    + "folder", root, counts, options.window().spec());
        }
    }

    private static void requireSameShape(Path firstFile, InputShape first, Path file, InputShape image) {
        if (first.channels() != image.channels()) {
            throw new SelfSupException(ErrorCode.WRONG_CHANNELS, "Mixed channel counts: " + firstFile + " has "
                    + first.channels() + ", " + file + " has " + image.channels()
                    + " (choose a channel policy: --channels gray or --channels rgb)", file.toString(), List.of(), null);
        }
        if (first.height() != image.height() || first.width() != image.width()) {
            throw new SelfSupException(ErrorCode.MIXED_IMAGE_SIZES, "Mixed image sizes: " + firstFile + " is "
                    + first.height() + "x" + first.width() + ", " + file + " is " + image.height() + "x" + image.width()
                    + " (resize them: --resize HxW)", file.toString(), List.of(), null);
        }
    }

    /**
     * The files under {@code dir}, sorted, following symbolic links (a linked sub-folder is read like a real one). A
     * link that leads back to a folder above it is an error naming it; a dangling link is listed, so that reading it
     * fails with its name (or {@code --skip-bad} skips and counts it) instead of it vanishing.
     */
    static List<Path> listFiles(Path dir) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!isHidden(file) && (attributes.isRegularFile() || attributes.isSymbolicLink())) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException) {
                        throw new SelfSupException(ErrorCode.BAD_IMAGE, "Symbolic link loop: " + file + " leads back to "
                                + "a folder above it, so the folder would never end; remove or retarget the link",
                                file.toString(), List.of(), e);
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw ioFailure(dir, e);
        }
        found.sort(null);
        return found;
    }

    static void requireFolder(Path root) {
        if (!Files.exists(root)) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "Folder not found: " + root, root.toString(), List.of(), null);
        }
        if (!Files.isDirectory(root)) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "Not a folder: " + root, root.toString(), List.of(), null);
        }
    }

    static boolean isHidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static SelfSupException ioFailure(Path p, IOException e) {
        return new SelfSupException(ErrorCode.IO_FAILURE, "Cannot list " + p + ": " + e.getMessage(), p.toString(),
                List.of(), e);
    }
}
