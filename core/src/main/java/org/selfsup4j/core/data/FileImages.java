package org.selfsup4j.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.image.StoredImages;

/**
 * Images left on disk and decoded when asked for ({@code --decode lazy}): each entry is a file, the index of the
 * image within it (a multi-frame DICOM or a NIfTI volume holds several) and the shape it had when the folder was
 * read. Memory grows with the batches in flight, not with the data set. {@link #get} decodes the file with the
 * folder's read options, so the same window, channels and resize apply; a file that no longer decodes, or decodes to
 * another shape or fewer images, is an error naming it. A file holding several images is decoded once per image
 * asked for (slower than holding it in memory). Safe to share between threads.
 */
public final class FileImages extends StoredImages {
    private final Path[] files;
    private final int[] indexInFile;
    private final InputShape[] shapes;
    private final ImageReadOptions options;

    /** Entry {@code i} is image {@code indexInFile[i]} of {@code files.get(i)}, of shape {@code shapes.get(i)}. */
    public FileImages(List<Path> files, int[] indexInFile, List<InputShape> shapes, ImageReadOptions options) {
        this(files.toArray(Path[]::new), indexInFile.clone(), shapes.toArray(InputShape[]::new), options);
    }

    private FileImages(Path[] files, int[] indexInFile, InputShape[] shapes, ImageReadOptions options) {
        if (files.length != indexInFile.length || files.length != shapes.length) {
            throw new IllegalArgumentException(files.length + " files, " + indexInFile.length + " indices, "
                    + shapes.length + " shapes");
        }
        this.files = files;
        this.indexInFile = indexInFile;
        this.shapes = shapes;
        this.options = Objects.requireNonNull(options, "options is null");
    }

    @Override
    public Image get(int index) {
        Objects.checkIndex(index, files.length);
        Path file = files[index];
        List<Image> decoded = ImageDecoder.decodeWithFacts(file, options).images();
        if (decoded.size() <= indexInFile[index]) {
            throw changed(file, "it holds " + decoded.size() + " images, it held more than " + indexInFile[index]);
        }
        Image image = decoded.get(indexInFile[index]);
        if (!image.shape().equals(shapes[index])) {
            throw changed(file, "image " + indexInFile[index] + " is " + image.shape() + ", it was " + shapes[index]);
        }
        return image;
    }

    private static SelfSupException changed(Path file, String what) {
        return new SelfSupException(ErrorCode.BAD_IMAGE, "File " + file + " changed since the folder was read: " + what
                + " (decoded lazily, see --decode)", file.toString(), List.of(), null);
    }

    @Override
    public InputShape shape(int index) {
        return shapes[index];
    }

    /** The file image {@code index} is read from. */
    public Path file(int index) {
        return files[index];
    }

    /** The index within its file of image {@code index} (a frame or slice; 0 for a picture). */
    public int indexInFile(int index) {
        return indexInFile[index];
    }

    @Override
    public FileImages select(int[] indices) {
        Path[] f = new Path[indices.length];
        int[] k = new int[indices.length];
        InputShape[] s = new InputShape[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Objects.checkIndex(indices[i], files.length);
            f[i] = files[indices[i]];
            k[i] = indexInFile[indices[i]];
            s[i] = shapes[indices[i]];
        }
        return new FileImages(f, k, s, options);
    }

    @Override
    public int size() {
        return files.length;
    }
}
