package org.selfsup4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.data.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selfsup bench augment}: images per second through an augmentation pipeline (default UDA's RandAugment)
 * on synthetic 8-bit images, on one thread and on {@code --threads} threads (default: all cores). The last line is
 * {@code images_per_second=N} for the multi-threaded run.
 */
@Command(name = "augment", mixinStandardHelpOptions = true, description = "Augmentation throughput, per core and with all cores.")
final class BenchAugmentCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Option(names = "--input", defaultValue = "1x28x28", description = "image shape CxHxW (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--augment", defaultValue = "randaugment-uda", description = "pipeline (default: ${DEFAULT-VALUE})")
    String augment;

    @Option(names = "--seconds", defaultValue = "5", description = "timed seconds per measurement (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--threads", description = "threads for the parallel measurement (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        InputShape shape = InputShape.parse(input);
        AugmentPipeline pipeline = AugmentPipeline.parse(augment, Composition.start(bench.main.plugins).catalog());
        List<Image> images = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < 256; i++) {
            float[] px = new float[shape.size()];
            for (int p = 0; p < px.length; p++) {
                px[p] = r.nextInt(256) / 255f;
            }
            images.add(new Image(shape.channels(), shape.height(), shape.width(), px));
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        run(pipeline, images, 1, 2.0);
        double one = run(pipeline, images, 1, seconds);
        double all = run(pipeline, images, n, seconds);
        System.out.printf("# bench augment [%s] input=%s: %.0f images/s on 1 thread, %.0f images/s on %d threads%n",
                augment, shape, one, all, n);
        System.out.printf("images_per_second=%.1f%n", all);
        return 0;
    }

    /** Images per second with {@code threads} workers, each on its own seeded stream, for about {@code secs}. */
    static double run(AugmentPipeline pipeline, List<Image> images, int threads, double secs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + (long) (secs * 1e9);
            long start = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    Random random = Seeds.stream(7, 100 + id, 0);
                    long count = 0;
                    long sink = 0;
                    while (System.nanoTime() < end) {
                        Image out = pipeline.apply(images.get((int) (count % images.size())), random);
                        sink += Float.floatToIntBits(out.pixels()[0]);
                        count++;
                    }
                    return count + (sink == 42 ? 0 : 0);
                }));
            }
            long total = 0;
            for (Future<Long> f : done) {
                total += f.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
