package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.LabelSplit;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.run.AtomicFiles;
import org.selfsup4j.trainer.run.Fingerprint;
import org.selfsup4j.trainer.run.Plots;
import org.selfsup4j.trainer.run.ModelStore;
import org.selfsup4j.trainer.run.Progress;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.semisup.FeatureConsistency;
import org.selfsup4j.trainer.semisup.Headline;
import org.selfsup4j.trainer.semisup.SemiStep;
import org.selfsup4j.trainer.semisup.SemiSupervisedSettings;
import org.selfsup4j.trainer.semisup.SemiSupervisedTrainer;
import org.selfsup4j.trainer.semisup.TsaSchedule;
import org.selfsup4j.trainer.train.EvaluationReport;
import org.selfsup4j.trainer.train.Evaluator;
import org.selfsup4j.trainer.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selfsup semisup}: UDA, FixMatch or MixMatch on labeled plus unlabeled images, or {@code --method supervised}: the same
 * recipe on the labeled images alone (the fair labels-only baseline). {@code --from} starts from a pretrained run.
 */
@Command(name = "semisup", mixinStandardHelpOptions = true,
        description = "Semi-supervised training (UDA, FixMatch or MixMatch) on few labeled and many unlabeled images; "
                + "'--method supervised' trains the same recipe on the labeled images alone.")
final class SemisupCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--method", required = true, description = "uda | fixmatch | mixmatch | supervised (labeled images only, same recipe)")
    String method;

    @Option(names = "--from", description = "start from this pretrain run folder (or model.zip) instead of random weights; --backbone is then unused")
    Path from;

    @Option(names = "--labeled", description = "labeled images: a folder of class sub-folders")
    String labeledData;

    @Option(names = "--unlabeled", description = "unlabeled images: any folder (recursive)")
    String unlabeledData;

    @Option(names = "--data", description = "'fashion-mnist' or a Fashion-MNIST folder: --labels-per-class N of its training images are labeled, the rest unlabeled, t10k is the test set")
    String data;

    @Option(names = "--labels-per-class", description = "labeled images per class (stratified, seeded; written to split.csv)")
    Integer labelsPerClass;

    @Option(names = "--val-per-class", description = "hold out V of each class's labeled images as a validation set "
            + "(never trained on, never unlabeled; role 'validation' in split.csv) and report the weights (EMA or raw) "
            + "that score higher on it; without it the EMA is reported (default: none)")
    Integer valPerClass;

    @Option(names = "--test", description = "labeled test images to score at the end (default with --data: the official test split)")
    String test;

    @Option(names = "--backbone", defaultValue = DefaultBackbone.NAME, description = "backbone (default: ${DEFAULT-VALUE}; see `selfsup plugins`)")
    String backbone;

    @Option(names = "--backbone-config", defaultValue = "", description = "settings of --backbone, key=value,... (e.g. width=48,depth=2)")
    String backboneConfig;

    @Option(names = "--steps", description = "training steps (default 2000)")
    Integer steps;

    @Option(names = "--labeled-batch", description = "labeled images per step, B (default 16; mixmatch 64)")
    Integer labeledBatch;

    @Option(names = "--mu", description = "unlabeled images per labeled image in a step (default 7; mixmatch 1)")
    Integer mu;

    @Option(names = "--lambda", description = "consistency weight (default 1; mixmatch: lambda_u 100, ramped up over --rampup)")
    Double lambda;

    @Option(names = "--feature-consistency", defaultValue = "0", description = "weight W of the feature-consistency "
            + "term: W x distance of the L2-normalised backbone features of the source and the strong view (default: 0, off)")
    double featureConsistency;

    @Option(names = "--feature-distance", defaultValue = "mse", description = "mse (squared distance) | cosine "
            + "(1 - cos) for --feature-consistency (default: ${DEFAULT-VALUE})")
    String featureDistance;

    @Option(names = "--temperature", description = "sharpening temperature (default: UDA 0.4, MixMatch 0.5)")
    Double temperature;

    @Option(names = "--mixup-alpha", description = "MixMatch: MixUp coefficients from Beta(alpha, alpha) (default 0.5; the paper's 0.75)")
    Double mixupAlpha;

    @Option(names = "--rampup", description = "MixMatch: share of the steps over which lambda_u rises linearly from 0 (default 0.4; the paper's 0.015625 = 1/64; 0 = none)")
    Double rampup;

    @Option(names = "--distribution-alignment", negatable = true, description = "align the unlabeled predictions to "
            + "the labeled class marginal before they become targets (ReMixMatch: each class scaled by labeled share / "
            + "running mean prediction over the last 128 batches); counters a collapse onto a few classes (default: on "
            + "for mixmatch, off for uda and fixmatch; --no-distribution-alignment turns it off)")
    Boolean distributionAlignment;

    @Option(names = "--confidence", description = "UDA confidence mask (default 0.8) / FixMatch pseudo-label threshold (default 0.95)")
    Double confidence;

    @Option(names = "--tsa", defaultValue = "none", description = "training-signal annealing: none | linear | log | exp (default: ${DEFAULT-VALUE})")
    String tsa;

    @Option(names = "--lr", description = "learning rate (default 0.03)")
    Double lr;

    @Option(names = "--weight-decay", description = "weight decay (default 5e-4)")
    Double weightDecay;

    @Option(names = "--constant-lr", description = "no cosine decay")
    boolean constantLr;

    @Option(names = "--ema", description = "EMA decay of the evaluated weights (default 0.999; 0 = off)")
    Double ema;

    @Option(names = "--bn-images", description = "re-estimate the batch-norm statistics of the EMA weights on about this many images, in batches made as the training batches were (default 4096; 0 = keep the averaged statistics)")
    Integer bnImages;

    @Option(names = "--weak-augment", defaultValue = "pad-crop(fraction=0.125)", description = "labeled (and FixMatch "
            + "weak, MixMatch's two views) augmentation (default: ${DEFAULT-VALUE}, a translation by up to 1/8 of the side, safe for images "
            + "with a handedness; add horizontal-flip for natural photos: \"horizontal-flip,pad-crop(fraction=0.125)\")")
    String weakAugment;

    @Option(names = "--strong-augment", description = "strong augmentation (default: randaugment-uda for UDA, randaugment-fixmatch for FixMatch, after the weak one; MixMatch has none)")
    String strongAugment;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--workers", defaultValue = "1", description = "batch-making threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--out", required = true, description = "run folder to create")
    Path out;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        SemiSupervisedSettings s = settings();
        TrainedModel pretrained = from == null ? null : ModelStore.load(from);
        if (pretrained != null) {
            dataOptions.readAs(pretrained);
        }
        Catalog catalog = Composition.start(main.plugins).catalog();
        Backbone net = catalog.backbone(backbone, ComponentConfig.parse(backboneConfig));   // bad settings fail before any data is read
        AugmentPipeline weak = AugmentPipeline.parse(weakAugment, catalog);
        if (s.mixes() && strongAugment != null) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--strong-augment is not used by --method mixmatch: its "
                    + "two unlabeled views are weak ones (--weak-augment)", strongAugment, List.of("uda", "fixmatch"), null);
        }
        String strongSpec = s.mixes() ? weakAugment : strongAugment != null ? strongAugment
                : weakAugment + "," + (method.equals("uda") ? "randaugment-uda" : "randaugment-fixmatch");
        AugmentPipeline strong = AugmentPipeline.parse(strongSpec, catalog);
        if (s.mixes()) {
            System.err.println("augmentation: labeled and both unlabeled views [" + weakAugment + "]");
        } else {
            System.err.println("augmentation: labeled" + (method.equals("fixmatch") ? " and weak" : "") + " ["
                    + weakAugment + "]" + (method.equals("supervised") ? "" : ", strong [" + strongSpec + "]"));
        }
        AugmentPipeline source = method.equals("uda") ? AugmentPipeline.identity() : weak;

        LabeledImages labeled;
        List<Image> unlabeled;
        LabeledImages testSet = null;
        LabelSplit split = null;
        LabeledImages all = null;
        if (data != null) {
            if (labeledData != null || unlabeledData != null) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Give either --data (with --labels-per-class) or --labeled and --unlabeled, not both");
            }
            if (labelsPerClass == null) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--data needs --labels-per-class N: how many of its images are labeled");
            }
            all = dataOptions.labeled(data, FashionMnist.Part.TRAIN);
            split = withValidation(LabelSplit.perClass(all, labelsPerClass, seed), all);
            labeled = split.apply(all);
            // the other training images, sharing the data set's storage (not decoded into a copy); the labels-only
            // baseline sees no unlabeled image
            unlabeled = s.labelsOnly() ? List.of() : all.images().select(split.complement(all.size()));
            testSet = dataOptions.labeled(test != null ? test : data, FashionMnist.Part.TEST);
        } else {
            if (labeledData == null || (unlabeledData == null && !s.labelsOnly())) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Give --labeled DIR and --unlabeled DIR (or --data fashion-mnist --labels-per-class N)");
            }
            all = dataOptions.labeled(labeledData, FashionMnist.Part.TRAIN);
            if (labelsPerClass != null) {
                split = withValidation(LabelSplit.perClass(all, labelsPerClass, seed), all);
            } else if (valPerClass != null) {
                split = withValidation(LabelSplit.all(all, seed), all);
            }
            labeled = split == null ? all : split.apply(all);
            unlabeled = unlabeledData == null || s.labelsOnly() ? List.of()
                    : dataOptions.unlabeled(unlabeledData, FashionMnist.Part.TRAIN);   // a baseline reads no unlabeled folder
            if (test != null) {
                testSet = dataOptions.labeled(test, FashionMnist.Part.TEST);
            }
        }
        LabeledImages validation = split == null || split.validationPerClass() == 0 ? null : split.applyValidation(all);
        warnAboutMissingClasses(labeled, testSet);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("semisup", s.toMap());
        config.put("backbone", pretrained == null ? backbone : null);
        config.put("backbone_config", pretrained == null ? ComponentConfig.parse(backboneConfig).asMap() : null);
        config.put("from", from == null ? null : from.toString());
        config.put("weak_augment", weakAugment);
        config.put("strong_augment", s.labelsOnly() || s.mixes() ? null : strongSpec);
        config.put("data", data != null ? data : (unlabeledData == null ? Map.of("labeled", labeledData)
                : Map.of("labeled", labeledData, "unlabeled", unlabeledData)));
        out = runOptions.out(out);
        OutputFolder.requireOutside(out, data, labeledData, unlabeledData, test);
        RunFolder run = runOptions.open(out, "semisup", config, main.argsOf("semisup"));
        dataOptions.recordReading(run);
        if (split != null) {
            split.write(run.file("split.csv"), all);
        }
        run.put("data", Map.of("labeled", labeled.size(), "unlabeled", unlabeled.size(), "classes", labeled.classNames(),
                "labeled_fingerprint", Fingerprint.of(labeled.images(), labeled.labels()),
                "unlabeled_fingerprint", Fingerprint.of(unlabeled, null)));
        try (RunGuard guard = new RunGuard()) {
            Progress progress = Progress.toStderr(method);
            SemiSupervisedTrainer.Builder trainer = SemiSupervisedTrainer.builder(
                            net, catalog.loss("cross-entropy", ComponentConfig.empty()),
                            s, weak, source, strong)
                    .optListener((step, total) -> {
                        progress.stepDone(step.step(), total, step.objective(), (long) (step.seconds() * 1e9));
                        run.heartbeat(step.step(), total, step.objective());
                    })
                    .optStopSignal(guard.stopSignal()).optCheckpoints(runOptions.checkpoints(run));
            if (pretrained != null) {
                trainer.optPretrained(pretrained);
            }
            SemiSupervisedTrainer.Result result = trainer.build().fit(labeled, unlabeled);
            Headline headline = guard.interrupted() ? null : Headline.choose(result, s.emaDecay() > 0, validation);
            run.saveModel((headline == null ? result.averaged() : headline.model()).withWindow(dataOptions.window()));
            AtomicFiles.writeString(run.file("semisup-metrics.csv"), result.history().toCsv());
            plot(result.history().steps(), run.file("semisup-curves.png"));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("steps", result.history().steps().size());
            summary.put("seconds", result.history().seconds());
            summary.put("cpu_minutes_wall", result.history().seconds() / 60);
            summary.put("data_wait_share", result.history().dataWaitShare());
            summary.put("stopped_early", result.history().stoppedEarly());
            summary.put("bn_reestimated_on_images", result.bnImages());
            run.put("semisup", summary);
            Map<String, Object> chosen = new LinkedHashMap<>();
            if (headline != null) {
                chosen.put("weights", headline.weights());
                chosen.put("rule", headline.rule());
                if (headline.validationEma() != null) {
                    run.writeEvaluation("validation-ema", headline.validationEma());
                    run.writeEvaluation("validation-raw", headline.validationRaw());
                    chosen.put("validation_images", validation.size());
                }
                run.put("headline", chosen);
            }
            if (guard.interrupted()) {
                // the shutdown hook waits 60 s at most: mark the run now; --resume finishes and evaluates it
                System.out.printf("%s interrupted at step %d of %d: checkpoint saved, continue with --resume %s%n", method,
                        result.history().steps().size(), s.steps(), out);
            } else if (testSet != null) {
                EvaluationReport raw = Evaluator.evaluate(result.model(), testSet, 500);
                EvaluationReport averaged = Evaluator.evaluate(result.averaged(), testSet, 500);
                run.writeEvaluation("test-raw", raw);
                run.writeEvaluation("test", averaged);
                EvaluationReport reported = headline.weights().equals(Headline.RAW) ? raw : averaged;
                chosen.put("test_accuracy", reported.accuracy());
                run.put("headline", chosen);
                String which = s.emaDecay() == 0 ? "no EMA" : result.bnImages() > 0
                        ? "EMA weights, batch norm re-estimated on " + result.bnImages() + " images" : "EMA weights";
                String how = headline.validationEma() == null
                        ? String.format("%s; raw %.4f", which, raw.accuracy())
                        : String.format("%s weights, chosen on %d validation images: EMA %.4f, raw %.4f; test: EMA %.4f, raw %.4f",
                                headline.weights().equals(Headline.RAW) ? "raw" : "EMA", validation.size(),
                                headline.validationEma().accuracy(), headline.validationRaw().accuracy(),
                                averaged.accuracy(), raw.accuracy());
                System.out.printf("%s, %d labeled + %d unlabeled, %d steps in %.1f min: test accuracy %.4f (%s), balanced %.4f -> %s%n",
                        method, labeled.size(), unlabeled.size(), result.history().steps().size(),
                        result.history().seconds() / 60, reported.accuracy(), how, reported.balancedAccuracy(), out);
            } else {
                System.out.printf("%s, %d labeled + %d unlabeled, %d steps in %.1f min -> %s%n", method, labeled.size(),
                        unlabeled.size(), result.history().steps().size(), result.history().seconds() / 60, out);
            }
            run.finish(guard.interrupted() ? "interrupted" : "completed");
            return guard.interrupted() ? Main.EXIT_INTERRUPTED : 0;
        } catch (Throwable e) {
            throw RunFailure.record(run, e);
        }
    }

    private SemiSupervisedSettings settings() {
        if (valPerClass != null && valPerClass <= 0) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad --val-per-class [" + valPerClass + "], expected a "
                    + "positive number of labeled images per class to hold out", String.valueOf(valPerClass), List.of(), null);
        }
        SemiSupervisedSettings s = SemiSupervisedSettings.forMethod(method).optSeed(seed).optWorkers(workers)
                .optTsa(TsaSchedule.parse(tsa)).optCosine(!constantLr);
        if (steps != null) {
            if (steps <= 0) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad --steps [" + steps + "], expected a positive number "
                        + "(0 steps would save an untrained model)", String.valueOf(steps), List.of(), null);
            }
            s = s.optSteps(steps);
        }
        if (labeledBatch != null) {
            s = s.optLabeledBatch(labeledBatch);
        }
        if (mu != null) {
            s = s.optMu(mu);
        }
        if (lambda != null) {
            s = s.optLambda(lambda);
        }
        if (temperature != null) {
            s = s.optTemperature(temperature);
        }
        if ((mixupAlpha != null || rampup != null) && !s.mixes()) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, (mixupAlpha != null ? "--mixup-alpha" : "--rampup")
                    + " is a MixMatch setting; --method " + method + " does not use it", method, List.of("mixmatch"), null);
        }
        if (mixupAlpha != null) {
            s = s.optMixupAlpha(mixupAlpha);
        }
        if (rampup != null) {
            s = s.optRampup(rampup);
        }
        if (distributionAlignment != null) {
            s = s.optDistributionAlignment(distributionAlignment);
        }
        if (confidence != null) {
            s = s.optConfidence(confidence);
        }
        if (lr != null) {
            s = s.optLearningRate(lr);
        }
        if (weightDecay != null) {
            s = s.optWeightDecay(weightDecay);
        }
        if (ema != null) {
            s = s.optEmaDecay(ema);
        }
        if (bnImages != null) {
            s = s.optBnImages(bnImages);
        }
        FeatureConsistency.Distance distance = FeatureConsistency.Distance.ofId(featureDistance);
        if (featureConsistency != 0) {
            if (s.labelsOnly() || s.mixes()) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--feature-consistency compares unlabeled images with"
                        + " their strongly augmented copies, for --method uda or fixmatch (not " + method + ")",
                        String.valueOf(featureConsistency), List.of("uda", "fixmatch"), null);
            }
            s = s.optFeatureConsistency(featureConsistency, distance);
        }
        return s;
    }

    /** {@code split} with --val-per-class of each class's labeled images held out, or unchanged without the option. */
    private LabelSplit withValidation(LabelSplit split, LabeledImages all) {
        return valPerClass == null ? split : split.withValidation(all, valPerClass);
    }

    private static void warnAboutMissingClasses(LabeledImages labeled, LabeledImages testSet) {
        if (testSet == null) {
            return;
        }
        for (String name : testSet.classNames()) {
            if (!labeled.classNames().contains(name)) {
                System.err.println("warning: class [" + name + "] of the test set has no labeled images");
            }
        }
    }

    private static void plot(List<SemiStep> steps, Path file) throws java.io.IOException {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("objective", steps.stream().map(SemiStep::objective).toList());
        series.put("supervised CE", steps.stream().map(SemiStep::supervised).toList());
        series.put("consistency", steps.stream().map(SemiStep::consistency).toList());
        series.put("mask share", steps.stream().map(SemiStep::maskShare).toList());
        series.put("TSA threshold", steps.stream().map(SemiStep::tsaThreshold).toList());
        Plots.series(series, "semi-supervised training", file);
    }
}
