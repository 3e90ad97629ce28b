package org.selfsup4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.data.LabeledBatches;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.StopSignal;
import org.selfsup4j.trainer.train.Checkpoints;
import org.selfsup4j.trainer.train.TrainingLoop;
import org.selfsup4j.trainer.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selfsup bench train}: training throughput of the reference CNN (10-class head) on synthetic data. Default:
 * through selfsup4j's trainer (batches made on a worker thread, DL4J's fit over our iterator, per-step listener).
 * {@code --bare}: a bare {@code fit(DataSet)} loop on arrays prepared in memory, same network. {@code --default-dl4j}:
 * the bare loop on DL4J's default path (oneDNN helpers off). After a warm-up, it times windows and prints the median
 * images per second as the last line, {@code images_per_second=N}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Training throughput of the reference CNN on synthetic data.")
final class BenchTrainCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Option(names = "--input", defaultValue = "1x28x28", description = "image shape CxHxW (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--batch", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--bare", description = "bare DL4J fit loop on in-memory arrays (the framework-overhead baseline)")
    boolean bare;

    @Option(names = "--default-dl4j", description = "bare loop with DL4J's default path (oneDNN helpers off)")
    boolean defaultDl4j;

    @Option(names = "--warmup", defaultValue = "6", description = "warm-up seconds (default: ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--windows", defaultValue = "7", description = "timed windows (default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--window-sec", defaultValue = "2", description = "seconds per window (default: ${DEFAULT-VALUE})")
    double windowSec;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd (Nesterov 0.9, as the peer benchmark) | adam")
    String optimizer;

    @Override
    public Integer call() {
        if (defaultDl4j) {
            FastPath.disable();
        } else {
            FastPath.enable();
        }
        InputShape shape = InputShape.parse(input);
        Catalog catalog = Composition.start(bench.main.plugins).catalog();
        TrainingSettings settings = TrainingSettings.defaults().optBatchSize(batch).optOptimizer(optimizer)
                .optLearningRate(0.01).optSteps(Integer.MAX_VALUE).optSeed(7);
        ComputationGraph graph = Networks.classifier(catalog.backbone("reference-cnn", ComponentConfig.empty()),
                10, catalog.loss("cross-entropy", ComponentConfig.empty()), shape, settings);
        LabeledImages data = synthetic(shape, 8 * batch, 7);
        String mode = defaultDl4j ? "bare-default-dl4j" : bare ? "bare" : "trainer";
        System.out.printf("# bench train mode=%s input=%s batch=%d params=%d %s%n", mode, shape, batch, graph.numParams(),
                FastPath.describe());
        long[] stamps = bare || defaultDl4j ? bareLoop(graph, data) : trainerLoop(graph, data, settings);
        double[] rates = windowRates(stamps);
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        System.out.printf("# window images/s: %s%n", Arrays.toString(Arrays.stream(rates).map(r -> Math.round(r)).toArray()));
        System.out.printf("images_per_second=%.1f%n", median);
        return 0;
    }

    private long totalNanos() {
        return (long) ((warmup + windows * windowSec) * 1e9);
    }

    /** Step end times (ns since start) of a bare loop. */
    private long[] bareLoop(ComputationGraph graph, LabeledImages data) {
        LabeledBatches producer = new LabeledBatches(data, AugmentPipeline.identity(), batch, 7);
        DataSet[] prepared = new DataSet[8];
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = producer.batch(i);
        }
        List<Long> stamps = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; System.nanoTime() - start < totalNanos(); i++) {
            graph.fit(prepared[i % prepared.length]);
            graph.score();
            stamps.add(System.nanoTime() - start);
        }
        return stamps.stream().mapToLong(Long::longValue).toArray();
    }

    /** Step end times of selfsup4j's training loop. */
    private long[] trainerLoop(ComputationGraph graph, LabeledImages data, TrainingSettings settings) {
        List<Long> stamps = new ArrayList<>();
        StopSignal stop = new StopSignal();
        long total = totalNanos();
        new TrainingLoop(settings, (step, steps, loss, elapsed) -> {
            stamps.add(elapsed);
            if (elapsed > total) {
                stop.request();
            }
        }, stop, Checkpoints.none()).run(graph, new LabeledBatches(data, AugmentPipeline.identity(), batch, 7));
        return stamps.stream().mapToLong(Long::longValue).toArray();
    }

    /** Images per second in each timed window after the warm-up. */
    private double[] windowRates(long[] stamps) {
        double[] rates = new double[windows];
        long w0 = (long) (warmup * 1e9);
        long len = (long) (windowSec * 1e9);
        for (int w = 0; w < windows; w++) {
            long from = w0 + w * len;
            long to = from + len;
            int first = -1;
            int last = -1;
            for (int i = 0; i < stamps.length; i++) {
                if (stamps[i] >= from && first < 0) {
                    first = i;
                }
                if (stamps[i] <= to) {
                    last = i;
                }
            }
            rates[w] = (first < 0 || last <= first) ? 0
                    : (double) (last - first) * batch / ((stamps[last] - stamps[first]) / 1e9);
        }
        return rates;
    }

    static LabeledImages synthetic(InputShape shape, int n, long seed) {
        Random r = new Random(seed);
        List<Image> images = new ArrayList<>(n);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float[] px = new float[shape.size()];
            for (int p = 0; p < px.length; p++) {
                px[p] = r.nextFloat();
            }
            images.add(new Image(shape.channels(), shape.height(), shape.width(), px));
            labels[i] = r.nextInt(10);
        }
        return new LabeledImages(images, labels, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }
}
