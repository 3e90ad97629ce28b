package org.selfsup4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.data.LabeledBatches;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.semisup.SemiSupervisedSettings;
import org.selfsup4j.trainer.semisup.SemiSupervisedTrainer;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.StopSignal;
import org.selfsup4j.trainer.train.Checkpoints;
import org.selfsup4j.trainer.train.TrainingLoop;
import org.selfsup4j.trainer.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selfsup bench train}: training throughput of a backbone (default the reference CNN; 10-class head) on synthetic data. Default:
 * through selfsup4j's trainer (batches made on a worker thread, DL4J's fit over our iterator, per-step listener).
 * {@code --bare}: a bare {@code fit(DataSet)} loop on arrays prepared in memory, same network. {@code --default-dl4j}:
 * the bare loop on DL4J's default path (oneDNN helpers off). {@code --method uda}: UDA steps of selfsup4j's
 * semi-supervised trainer, {@code --batch} images per step (B = batch / (1 + 7) labeled, 7B unlabeled, UDA's
 * recipe), each step with its target pass over the labeled and unlabeled source views, the weighted training step
 * and the weight-average update; augmentations are the identity so the figure is the network's, not the
 * augmentation workers'. After a warm-up, it times windows and prints the median images per second (trained images:
 * labeled plus unlabeled) as the last line, {@code images_per_second=N}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Training throughput of a backbone (default: the reference CNN) on synthetic data.")
final class BenchTrainCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Option(names = "--input", defaultValue = "1x28x28", description = "image shape CxHxW (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--backbone", defaultValue = "reference-cnn",
            description = "backbone to train (default: ${DEFAULT-VALUE}); see `selfsup plugins`")
    String backbone;

    @Option(names = "--backbone-config", defaultValue = "", description = "settings of --backbone, key=value,... (e.g. width=48)")
    String backboneConfig;

    @Option(names = "--batch", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--method", defaultValue = "supervised",
            description = "supervised (a plain training step) | uda (UDA's step: target pass + weighted step + weight average)")
    String method;

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
        if (!List.of("supervised", "uda").contains(method)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown --method " + method + " (valid: supervised, uda)",
                    method, List.of("supervised", "uda"), null);
        }
        boolean uda = method.equals("uda");
        if (uda && (bare || defaultDl4j)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--method uda runs the semi-supervised trainer; "
                    + "--bare and --default-dl4j apply to --method supervised only", method, List.of("supervised"), null);
        }
        if (uda && (batch < 8 || batch % 8 != 0)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--method uda needs --batch a multiple of 8 (B labeled + 7B "
                    + "unlabeled images per step); got " + batch, String.valueOf(batch), List.of("128"), null);
        }
        if (defaultDl4j) {
            FastPath.disable();
        } else {
            FastPath.enable();
        }
        InputShape shape = InputShape.parse(input);
        Catalog catalog = Composition.start(bench.main.plugins).catalog();
        TrainingSettings settings = TrainingSettings.defaults().optBatchSize(batch).optOptimizer(optimizer)
                .optLearningRate(0.01).optSteps(Integer.MAX_VALUE).optSeed(7);
        ComputationGraph graph = Networks.classifier(catalog.backbone(backbone, ComponentConfig.parse(backboneConfig)),
                10, catalog.loss("cross-entropy", ComponentConfig.empty()), shape, settings);
        if (!defaultDl4j) {
            FastPath.install(graph);
        }
        LabeledImages data = synthetic(shape, 8 * batch, 7);
        String mode = uda ? "uda" : defaultDl4j ? "bare-default-dl4j" : bare ? "bare" : "trainer";
        System.out.printf("# bench train mode=%s backbone=%s%s input=%s batch=%d params=%d %s%n", mode, backbone,
                backboneConfig.isEmpty() ? "" : "(" + backboneConfig + ")", shape, batch, graph.numParams(),
                FastPath.describe());
        long[] stamps = uda ? udaLoop(catalog, shape, data)
                : bare || defaultDl4j ? bareLoop(graph, data) : trainerLoop(graph, data, settings);
        double[] rates = windowRates(stamps);
        if (Arrays.stream(rates).anyMatch(Double::isNaN)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "A step took longer than a timed window of " + windowSec
                    + " s, so the figure would be wrong: raise --window-sec (window rates " + Arrays.toString(rates) + ")",
                    String.valueOf(windowSec), List.of(), null);
        }
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

    /** Step end times of UDA steps through the semi-supervised trainer (its own network, same backbone). */
    private long[] udaLoop(Catalog catalog, InputShape shape, LabeledImages data) {
        List<Long> stamps = new ArrayList<>();
        StopSignal stop = new StopSignal();
        long total = totalNanos();
        SemiSupervisedSettings s = SemiSupervisedSettings.uda().optSteps(Integer.MAX_VALUE).optLabeledBatch(batch / 8)
                .optBnImages(0).optSeed(7);
        Augmenter identity = (image, random) -> image;
        List<Image> unlabeled = synthetic(shape, 8 * batch, 8).images();
        SemiSupervisedTrainer.builder(catalog.backbone(backbone, ComponentConfig.parse(backboneConfig)),
                        catalog.loss("cross-entropy", ComponentConfig.empty()), s, identity, identity, identity)
                .optListener((step, steps) -> {
                    long elapsed = (long) (step.seconds() * 1e9);
                    stamps.add(elapsed);
                    if (elapsed > total) {
                        stop.request();
                    }
                })
                .optStopSignal(stop).build().fit(data, unlabeled);
        return stamps.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Images per second in each timed window after the warm-up: the steps ending in the window, timed from the end of
     * the step before the first of them to the end of the last; NaN for a window in which no step ended.
     */
    private double[] windowRates(long[] stamps) {
        double[] rates = new double[windows];
        long w0 = (long) (warmup * 1e9);
        long len = (long) (windowSec * 1e9);
        for (int w = 0; w < windows; w++) {
            long from = w0 + w * len;
            long to = from + len;
            int first = -1;
            int last = -1;
            for (int i = 1; i < stamps.length; i++) {
                if (stamps[i] >= from && stamps[i] <= to) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            rates[w] = first < 0 ? Double.NaN
                    : (double) (last - first + 1) * batch / ((stamps[last] - stamps[first - 1]) / 1e9);
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
