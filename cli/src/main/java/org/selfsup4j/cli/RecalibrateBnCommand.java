package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.LabelSplit;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.run.Fingerprint;
import org.selfsup4j.trainer.run.ModelStore;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.train.BatchNormRecalibration;
import org.selfsup4j.trainer.train.BatchNormRecalibration.LayerStatistics;
import org.selfsup4j.trainer.train.EvaluationReport;
import org.selfsup4j.trainer.train.Evaluator;
import org.selfsup4j.trainer.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selfsup recalibrate-bn}: re-estimates a saved model's batch-norm statistics on training images and saves
 * the result as a new run ({@link BatchNormRecalibration}); for weight averages saved without it, such as semisup runs
 * made before it was the default.
 */
@Command(name = "recalibrate-bn", mixinStandardHelpOptions = true,
        description = "Re-estimate a model's batch-norm statistics on training images (for averaged weights such as EMA) and save it as a new run.")
final class RecalibrateBnCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--model", required = true, description = "a run folder (or model.zip)")
    Path model;

    @Option(names = "--data", required = true, description = "training images: any folder (recursive), a Fashion-MNIST folder, or 'fashion-mnist' (its training split)")
    String data;

    @Option(names = "--split", description = "use only the labeled images of this split.csv (a labels-only run's own images); --data must then be labeled")
    Path split;

    @Option(names = "--images", defaultValue = "4096", description = "at most this many images, a seeded random sample (default: ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--augment", description = "augment every image first, as training did (for a semi-supervised run: its strong augmentation); the sample is then repeated, with fresh views, up to --images")
    String augment;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the sample (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--test", description = "labeled test images to score the result on ('fashion-mnist': the official test split)")
    String test;

    @Option(names = "--out", required = true, description = "run folder to create")
    Path out;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        if (images < 1) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad --images [" + images + "], expected at least 1",
                    String.valueOf(images), List.of(), null);
        }
        TrainedModel trained = ModelStore.load(model);
        dataOptions.readAs(trained);
        List<Image> pool;
        if (split != null) {
            LabeledImages all = dataOptions.labeled(data, FashionMnist.Part.TRAIN);
            pool = LabelSplit.read(split, all).apply(all).images();
        } else {
            pool = dataOptions.unlabeled(data, FashionMnist.Part.TRAIN);
        }
        if (pool.isEmpty()) {
            throw new SelfSupException(ErrorCode.EMPTY_DATA, "No images in " + data + " to re-estimate batch norm on",
                    data, List.of(), null);
        }
        List<Image> sample = BatchNormRecalibration.sample(pool, images, seed);
        if (augment != null) {
            AugmentPipeline pipeline = AugmentPipeline.parse(augment, Composition.start(main.plugins).catalog());
            Random random = new Random(seed);
            List<Image> views = new ArrayList<>(images);
            for (int i = 0; i < images; i++) {
                views.add(pipeline.apply(sample.get(i % sample.size()), random));
            }
            sample = views;
        }
        trained.requireInputShape(sample.get(0).shape());
        LabeledImages testSet = test == null ? null : dataOptions.labeled(test, FashionMnist.Part.TEST);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", model.toString());
        config.put("data", data);
        config.put("split", split == null ? null : split.toString());
        config.put("images", images);
        config.put("augment", augment);
        config.put("seed", seed);
        config.put("test", test);
        RunFolder run = RunFolder.create(out, "recalibrate-bn", config);
        try {
            List<LayerStatistics> layers = BatchNormRecalibration.recalibrate(trained.graph(), sample, 256);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LayerStatistics l : layers) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("layer", l.layer());
                row.put("channels", l.channels());
                row.put("mean_of_means", l.meanOfMeans());
                row.put("mean_of_variances", l.meanOfVariances());
                rows.add(row);
            }
            run.put("bn_reestimation", Map.of("images", sample.size(), "fingerprint", Fingerprint.of(sample, null), "layers", rows));
            run.saveModel(trained.withWindow(dataOptions.window()));
            String scored = "";
            if (testSet != null) {
                EvaluationReport report = Evaluator.evaluate(trained, testSet, 500);
                run.writeEvaluation("test", report);
                scored = String.format(": test accuracy %.4f, balanced %.4f", report.accuracy(), report.balancedAccuracy());
            }
            run.finish("completed");
            System.out.printf("batch norm of %d layers re-estimated on %d images%s -> %s%n", layers.size(), sample.size(), scored, out);
            return 0;
        } catch (Throwable e) {
            throw RunFailure.record(run, e);
        }
    }
}
