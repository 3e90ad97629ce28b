package org.selfsup4j.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;

/**
 * What a data folder holds, for {@code selfsup data-info}: its layout (class sub-folders or one unlabeled tree),
 * files and images per class, formats, encodings, sizes, channels, bit depths, the range of medical values, the
 * percentiles of the values after the intensity mapping the training will use, the unreadable files with their
 * reasons, and a seeded random sample of images (after the mapping) for a contact sheet. Every file is decoded once
 * (the facts come from the same read).
 */
public final class DataSurvey {
    /** The percentiles reported of the mapped values. */
    public static final double[] PERCENTS = {0, 0.5, 5, 50, 95, 99.5, 100};
    private static final int PIXELS_PER_IMAGE = 64;

    private DataSurvey() {
    }

    /**
     * The report.
     *
     * @param layout        {@code labeled} or {@code unlabeled}
     * @param filesPerClass readable files per class ({@code (all)} for unlabeled data)
     * @param imagesPerClass images per class (frames and slices counted)
     * @param kinds         files per format (DICOM with its modality)
     * @param encodings     files per format and encoding
     * @param sizes         files per stored size {@code HxW}
     * @param channels      files per channel count
     * @param rawMin        smallest medical value after the rescale (NaN without medical files)
     * @param rawMax        largest medical value after the rescale
     * @param percentiles   the mapped values' {@link #PERCENTS}, over a sample of pixels of every image
     * @param unreadable    the reason, naming the file, of every file that cannot be read
     * @param sample        images for the contact sheet
     */
    public record Report(String layout, Map<String, Integer> filesPerClass, Map<String, Integer> imagesPerClass,
                         Map<String, Integer> kinds, Map<String, Integer> encodings, Map<String, Integer> sizes,
                         Map<String, Integer> channels, double rawMin, double rawMax, double[] percentiles,
                         List<String> unreadable, List<Image> sample) {
    }

    /** Surveys {@code root} as {@code options} would read it; {@code sampleSize} images go to the sheet. */
    @SuppressWarnings("unchecked")
    public static Report survey(Path root, ImageReadOptions options, int sampleSize, long seed) {
        ImageFolderReader.requireFolder(root);
        List<Path> classFolders = list(root).stream().filter(Files::isDirectory)
                .filter(p -> !ImageFolderReader.isHidden(p)).toList();
        boolean labeled = !classFolders.isEmpty() && list(root).stream().filter(Files::isRegularFile)
                .noneMatch(ImageDecoder::readable);
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Path folder : labeled ? classFolders : List.of(root)) {
            for (Path f : ImageFolderReader.listFiles(folder)) {
                files.add(f);
                labels.add(labeled ? folder.getFileName().toString() : "(all)");
            }
        }
        if (files.isEmpty()) {
            throw new SelfSupException(ErrorCode.EMPTY_DATA, "No files in " + root, root.toString(), List.of(), null);
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, files.size()).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        boolean[] inSample = new boolean[files.size()];
        order.stream().limit(sampleSize).forEach(i -> inSample[i] = true);

        FileFacts[] facts = new FileFacts[files.size()];
        String[] errors = new String[files.size()];
        int[] imageCounts = new int[files.size()];
        float[][] pixels = new float[files.size()][];
        List<Image>[] thumbnails = new List[files.size()];
        int perFile = (int) Math.ceil(sampleSize / (double) Math.max(1, Math.min(files.size(), sampleSize)));
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            Path f = files.get(i);
            try {
                ImageDecoder.Decoded decoded = ImageDecoder.decodeWithFacts(f, options);
                facts[i] = decoded.facts();
                List<Image> images = decoded.images();
                imageCounts[i] = images.size();
                pixels[i] = samplePixels(images, new Random(seed + i));
                if (inSample[i]) {   // evenly spaced frames or slices, so a few volumes still fill the sheet
                    List<Image> chosen = new ArrayList<>();
                    int n = Math.min(perFile, images.size());
                    for (int k = 0; k < n; k++) {
                        chosen.add(thumbnail(images.get((int) ((k + 0.5) * images.size() / n)), 128));
                    }
                    thumbnails[i] = chosen;
                }
            } catch (SelfSupException e) {
                errors[i] = e.getMessage().contains(f.toString()) ? e.getMessage() : f + ": " + e.getMessage();
            }
        });

        Map<String, Integer> filesPerClass = new TreeMap<>();
        Map<String, Integer> imagesPerClass = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> encodings = new TreeMap<>();
        Map<String, Integer> sizes = new TreeMap<>();
        Map<String, Integer> channels = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        double rawMin = Double.NaN;
        double rawMax = Double.NaN;
        int sampled = 0;
        for (int i = 0; i < files.size(); i++) {
            if (errors[i] != null) {
                unreadable.add(errors[i]);
                continue;
            }
            FileFacts ff = facts[i];
            filesPerClass.merge(labels.get(i), 1, Integer::sum);
            imagesPerClass.merge(labels.get(i), imageCounts[i], Integer::sum);
            kinds.merge(ff.kind(), 1, Integer::sum);
            encodings.merge(ff.kind() + ": " + ff.encoding(), 1, Integer::sum);
            sizes.merge(ff.height() + "x" + ff.width(), 1, Integer::sum);
            channels.merge(ff.channels() + (ff.channels() == 1 ? " (gray)" : " (colour)"), 1, Integer::sum);
            if (!Double.isNaN(ff.rawMin())) {
                rawMin = Double.isNaN(rawMin) ? ff.rawMin() : Math.min(rawMin, ff.rawMin());
                rawMax = Double.isNaN(rawMax) ? ff.rawMax() : Math.max(rawMax, ff.rawMax());
            }
            sampled += pixels[i].length;
        }
        float[] all = new float[sampled];
        int at = 0;
        for (float[] p : pixels) {
            if (p != null) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
        }
        List<Image> sample = new ArrayList<>();
        order.stream().limit(sampleSize).filter(i -> thumbnails[i] != null).forEach(i -> sample.addAll(thumbnails[i]));
        for (int k = sampleSize; k < order.size() && sample.size() < sampleSize; k++) {   // stand-ins for bad files
            int i = order.get(k);
            if (errors[i] == null) {
                List<Image> images = ImageDecoder.decodeFrames(files.get(i), options);
                sample.add(thumbnail(images.get(images.size() / 2), 128));
            }
        }
        return new Report(labeled ? "labeled" : "unlabeled", filesPerClass, imagesPerClass, kinds, encodings, sizes,
                channels, rawMin, rawMax, percentiles(all), unreadable, sample);
    }

    /** The report of an already-loaded labeled set (Fashion-MNIST's IDX files). */
    public static Report of(LabeledImages data, String kind, int sampleSize, long seed) {
        Map<String, Integer> perClass = new TreeMap<>();
        for (int label : data.labels()) {
            perClass.merge(data.classNames().get(label), 1, Integer::sum);
        }
        Image first = data.images().get(0);
        List<Integer> order = new ArrayList<>(IntStream.range(0, data.size()).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        List<float[]> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(data.size(), 10_000); i++) {
            parts.add(samplePixels(List.of(data.images().get(order.get(i))), new Random(seed + i)));
        }
        float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        List<Image> sample = order.stream().limit(sampleSize).map(i -> data.images().get(i)).toList();
        return new Report("labeled", perClass, perClass, Map.of(kind, data.size()), Map.of(kind, data.size()),
                Map.of(first.height() + "x" + first.width(), data.size()),
                Map.of(first.channels() + (first.channels() == 1 ? " (gray)" : " (colour)"), data.size()),
                Double.NaN, Double.NaN, percentiles(all), List.of(), sample);
    }

    private static float[] samplePixels(List<Image> images, Random random) {
        float[] out = new float[images.size() * PIXELS_PER_IMAGE];
        int at = 0;
        for (Image image : images) {
            float[] px = image.pixels();
            for (int k = 0; k < PIXELS_PER_IMAGE; k++) {
                out[at++] = px[random.nextInt(px.length)];
            }
        }
        return out;
    }

    private static double[] percentiles(float[] values) {
        float[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double[] out = new double[PERCENTS.length];
        for (int i = 0; i < PERCENTS.length; i++) {
            out[i] = sorted.length == 0 ? Double.NaN
                    : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(PERCENTS[i] / 100 * sorted.length) - 1))];
        }
        return out;
    }

    /** {@code image} scaled to {@code side} pixels on its longer side, so every cell of the sheet is as large. */
    static Image thumbnail(Image image, int side) {
        int longer = Math.max(image.height(), image.width());
        if (longer == side) {
            return image;
        }
        return Resize.bilinear(image, Math.max(1, image.height() * side / longer), Math.max(1, image.width() * side / longer));
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (java.io.IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot list " + folder + ": " + e.getMessage(),
                    folder.toString(), List.of(), e);
        }
    }
}
