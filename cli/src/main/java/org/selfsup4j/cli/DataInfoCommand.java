package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.selfsup4j.core.data.DataSurvey;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.trainer.run.ImageGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code selfsup data-info DIR}: what a data folder holds, before anything is trained on it. */
@Command(name = "data-info", mixinStandardHelpOptions = true,
        description = "Describe a data folder: classes, formats and modalities, sizes, channels, bit depths, value "
                + "ranges, unreadable files, and a contact sheet of a random sample after the intensity mapping.")
final class DataInfoCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "a folder of images (class sub-folders or not), a Fashion-MNIST folder, or 'fashion-mnist'")
    String data;

    @Option(names = "--out", description = "write a contact sheet (PNG) of a random sample here")
    Path out;

    @Option(names = "--sample", defaultValue = "48", description = "images on the contact sheet (default: ${DEFAULT-VALUE})")
    int sample;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the sample (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        Path fm = DataOptions.fashionMnistFolder(data);
        DataSurvey.Report r = fm != null
                ? DataSurvey.of(FashionMnist.load(fm, FashionMnist.Part.TRAIN), "IDX (Fashion-MNIST train)", sample, seed)
                : DataSurvey.survey(Path.of(data), dataOptions.readOptions(), sample, seed);
        int files = r.filesPerClass().values().stream().mapToInt(Integer::intValue).sum();
        int images = r.imagesPerClass().values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("%s: %s, %d readable files, %d images, %d unreadable%n", data, r.layout(), files, images,
                r.unreadable().size());
        if (r.layout().equals("labeled")) {
            System.out.println("classes (" + r.filesPerClass().size() + "), files / images:");
            r.filesPerClass().forEach((c, n) -> System.out.printf("  %-24s %6d / %d%n", c, n, r.imagesPerClass().get(c)));
        }
        print("formats", r.kinds());
        print("encodings", r.encodings());
        print("sizes (HxW as stored)", r.sizes());
        print("channels", r.channels());
        if (!Double.isNaN(r.rawMin())) {
            System.out.printf("medical values after the rescale (Hounsfield units for CT): %.6g to %.6g%n", r.rawMin(), r.rawMax());
        }
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < DataSurvey.PERCENTS.length; i++) {
            p.append(String.format("  p%s %.3f", trim(DataSurvey.PERCENTS[i]), r.percentiles()[i]));
        }
        System.out.println("values in [0, 1] as training reads them (window " + dataOptions.window().spec() + "):" + p);
        if (!r.unreadable().isEmpty()) {
            System.out.println("unreadable files (--skip-bad skips them):");
            r.unreadable().stream().limit(50).forEach(u -> System.out.println("  " + u));
            if (r.unreadable().size() > 50) {
                System.out.println("  ... and " + (r.unreadable().size() - 50) + " more");
            }
        }
        if (out != null) {
            List<List<Image>> rows = new ArrayList<>();
            for (int i = 0; i < r.sample().size(); i += 8) {
                rows.add(r.sample().subList(i, Math.min(r.sample().size(), i + 8)));
            }
            ImageGrid.write(rows, 1, out);
            System.out.println("contact sheet of " + r.sample().size() + " images of randomly chosen files -> " + out);
        }
        return 0;
    }

    private static void print(String title, Map<String, Integer> counts) {
        System.out.println(title + ":");
        counts.forEach((k, n) -> System.out.printf("  %-60s %6d%n", k, n));
    }

    private static String trim(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
    }
}
