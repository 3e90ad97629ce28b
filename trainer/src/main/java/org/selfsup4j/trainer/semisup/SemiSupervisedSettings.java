package org.selfsup4j.trainer.semisup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * The knobs of UDA, FixMatch and MixMatch, with the papers' values as defaults ({@link #uda()}, {@link #fixMatch()},
 * {@link #mixMatch()}), and of
 * {@link #supervised()}: the same recipe on the labeled images alone, the fair labels-only baseline. UDA and FixMatch:
 * λ (consistency weight) 1, μ (unlabeled per labeled image) 7, temperature 0.4 and confidence 0.8 (UDA) or the
 * pseudo-label threshold 0.95 (FixMatch), training-signal annealing (UDA, off by default), SGD with Nesterov momentum
 * 0.9, learning rate 0.03 with FixMatch's cosine decay lr · cos(7πk / 16K), weight decay 5e-4, and an exponential
 * moving average of the weights (decay 0.999) for evaluation, whose batch-norm statistics are then re-estimated on
 * about 4,096 images in batches composed as the training batches were
 * ({@link org.selfsup4j.trainer.train.BatchNormRecalibration}; the papers' million-step runs do not need this, runs of
 * a few thousand steps do). MixMatch keeps that optimiser, schedule, weight decay and EMA and takes its own paper's
 * batch (B 64, μ 1), K = 2 weak views per unlabeled image and sharpening temperature 0.5, with USB's values for SGD
 * (the paper's were tuned for Adam and a million steps): MixUp α 0.5 and λ_u 100, ramped up linearly over the first
 * {@code rampup} share of the steps (0.4).
 * Immutable; {@code optX} returns a changed copy.
 */
public record SemiSupervisedSettings(String method, int steps, int labeledBatch, int mu, double lambda,
                                     double temperature, double confidence, TsaSchedule tsa, double learningRate,
                                     double weightDecay, boolean cosine, double emaDecay, int bnImages, long seed,
                                     int workers, int diagnosticsEvery, double featureConsistency,
                                     FeatureConsistency.Distance featureDistance, double mixupAlpha,
                                     double rampup, boolean distributionAlignment) {
    public static final List<String> METHODS = List.of("fixmatch", "mixmatch", "supervised", "uda");
    /** Default number of images the averaged weights' batch-norm statistics are re-estimated on. */
    public static final int DEFAULT_BN_IMAGES = 4096;

    public SemiSupervisedSettings {
        if (!METHODS.contains(method)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown method [" + method + "], known: " + METHODS,
                    method, METHODS, null);
        }
        check(steps >= 0, "steps", steps, ">= 0");
        check(labeledBatch > 0, "labeled batch", labeledBatch, "> 0");
        check(mu > 0, "mu", mu, "> 0");
        check(lambda >= 0, "lambda", lambda, ">= 0");
        check(confidence >= 0 && confidence <= 1, "confidence", confidence, "in [0, 1]");
        check(learningRate > 0, "learning rate", learningRate, "> 0");
        check(weightDecay >= 0, "weight decay", weightDecay, ">= 0");
        check(emaDecay >= 0 && emaDecay < 1, "EMA decay", emaDecay, "in [0, 1)");
        check(bnImages >= 0, "batch-norm re-estimation images", bnImages, ">= 0 (0 = off)");
        check(workers > 0, "workers", workers, "> 0");
        check(diagnosticsEvery > 0, "diagnostics interval", diagnosticsEvery, "> 0");
        check(featureConsistency >= 0 && Double.isFinite(featureConsistency), "feature-consistency weight",
                featureConsistency, ">= 0 (0 = off)");
        java.util.Objects.requireNonNull(featureDistance, "featureDistance is null");
        check(!distributionAlignment || !method.equals("supervised"), "distribution alignment for supervised", true,
                "off (it aligns the predictions on unlabeled images, which supervised has none of)");
        if (method.equals("mixmatch")) {
            check(featureConsistency == 0, "feature-consistency weight for mixmatch", featureConsistency,
                    "0 (the term is for uda and fixmatch)");
            check(mixupAlpha > 0 && Double.isFinite(mixupAlpha), "MixUp alpha", mixupAlpha, "> 0");
            check(rampup >= 0 && rampup <= 1, "ramp-up share", rampup, "in [0, 1]");
            check(temperature > 0 && temperature <= 1, "sharpening temperature", temperature, "in (0, 1]");
        }
    }

    /** UDA (Xie et al., 2019): T 0.4, confidence 0.8, λ 1, μ 7, TSA off. */
    public static SemiSupervisedSettings uda() {
        return new SemiSupervisedSettings("uda", 2000, 16, 7, 1.0, 0.4, 0.8, TsaSchedule.NONE, 0.03, 5e-4, true, 0.999, DEFAULT_BN_IMAGES, 1, 1, 10, 0.0, FeatureConsistency.Distance.MSE, 0.0, 0.0, false);
    }

    /** FixMatch (Sohn et al., 2020): threshold 0.95, λ_u 1, μ 7. */
    public static SemiSupervisedSettings fixMatch() {
        return new SemiSupervisedSettings("fixmatch", 2000, 16, 7, 1.0, 1.0, 0.95, TsaSchedule.NONE, 0.03, 5e-4, true, 0.999, DEFAULT_BN_IMAGES, 1, 1, 10, 0.0, FeatureConsistency.Distance.MSE, 0.0, 0.0, false);
    }

    /**
     * MixMatch (Berthelot et al., 2019): K = 2 weak views of each unlabeled image, their mean prediction sharpened
     * with T 0.5 as the guessed label, MixUp (α 0.5, λ' = max(λ, 1 − λ)) of all examples with a shuffled copy,
     * cross-entropy on the mixed labeled rows plus λ_u 100 (ramped up over the first 40 % of the steps) times the
     * mean squared error of the mixed unlabeled rows' probabilities; B 64, μ 1. α, λ_u and the ramp are USB's
     * settings for MixMatch with SGD (microsoft/Semi-supervised-learning, config/classic_cv/mixmatch), the
     * optimiser of this recipe; the paper's (α 0.75, λ_u 75 over 16k of 1M steps, with Adam) scored 62.3 % against
     * 75.5 % at 100 Fashion-MNIST labels and 85.5 % against 86.5 % at 1,000 (seed 1, 3,000 steps;
     * bench/results/mixmatch-rampup). {@code optLambda(75).optMixupAlpha(0.75).optRampup(1.0 / 64)} gives the
     * paper's. Distribution alignment of the guesses ({@link DistributionAlignment}; ReMixMatch's, not in the MixMatch
     * paper) is on: without it seeds 2 and 3 collapsed onto one class at 100 labels (61.20 and 62.38 %), with it they
     * reached 74.69 and 76.30 % (bench/results/label-efficiency-defaults); {@code optDistributionAlignment(false)} turns
     * it off.
     */
    public static SemiSupervisedSettings mixMatch() {
        return new SemiSupervisedSettings("mixmatch", 2000, 64, 1, 100.0, 0.5, 0.0, TsaSchedule.NONE, 0.03, 5e-4, true, 0.999, DEFAULT_BN_IMAGES, 1, 1, 10, 0.0, FeatureConsistency.Distance.MSE, 0.5, 0.4, true);
    }

    /**
     * The labels-only baseline with the semi-supervised recipe: the same optimiser, learning rate and schedule, weight
     * decay, EMA, batch of labeled images and steps as {@link #uda()}, and no unlabeled images.
     */
    public static SemiSupervisedSettings supervised() {
        return new SemiSupervisedSettings("supervised", 2000, 16, 7, 0.0, 1.0, 1.0, TsaSchedule.NONE, 0.03, 5e-4, true, 0.999, DEFAULT_BN_IMAGES, 1, 1, 10, 0.0, FeatureConsistency.Distance.MSE, 0.0, 0.0, false);
    }

    public static SemiSupervisedSettings forMethod(String method) {
        return switch (method) {
            case "uda" -> uda();
            case "fixmatch" -> fixMatch();
            case "mixmatch" -> mixMatch();
            case "supervised" -> supervised();
            default -> throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown method [" + method + "], known: "
                    + METHODS, method, METHODS, null);
        };
    }

    /** True for {@code supervised}: no unlabeled images, no consistency term. */
    public boolean labelsOnly() {
        return method.equals("supervised");
    }

    /** μ · B, or 0 for {@code supervised}. */
    public int unlabeledBatch() {
        return labelsOnly() ? 0 : mu * labeledBatch;
    }

    /** True for {@code mixmatch}: guessed labels, MixUp and a squared-error consistency term ({@link MixMatch}). */
    public boolean mixes() {
        return method.equals("mixmatch");
    }

    /**
     * The consistency weight at step k (0-based): λ, except for MixMatch, whose λ_u rises linearly from 0 to λ over
     * the first {@code rampup} share of the steps (λ · min(1, k / (rampup · K)); no ramp when the share is 0).
     */
    public double lambdaAt(long k) {
        if (!mixes() || rampup == 0) {
            return lambda;
        }
        return lambda * Math.min(1.0, k / (rampup * Math.max(1, steps)));
    }

    /** How the unlabeled predictions become targets; unused by {@code supervised} and {@code mixmatch}. */
    public ConsistencyTargets targets() {
        return method.equals("uda") ? ConsistencyTargets.uda(temperature, confidence) : ConsistencyTargets.fixMatch(confidence);
    }

    /** Learning rate at step k (0-based): constant, or lr · cos(7πk / 16K). */
    public double learningRateAt(long k) {
        return cosine ? learningRate * Math.cos(7 * Math.PI * k / (16.0 * Math.max(1, steps))) : learningRate;
    }

    public SemiSupervisedSettings optSteps(int v) {
        return new SemiSupervisedSettings(method, v, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optLabeledBatch(int v) {
        return new SemiSupervisedSettings(method, steps, v, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optMu(int v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, v, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optLambda(double v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, v, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optTemperature(double v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, v, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optConfidence(double v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, v, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optTsa(TsaSchedule v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, v, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optLearningRate(double v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, v, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optWeightDecay(double v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, v, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optCosine(boolean v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, v, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optEmaDecay(double v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, v, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    /**
     * About how many images (whole training-like batches) the batch-norm statistics of the averaged weights are
     * re-estimated on; 0 keeps the averaged statistics.
     */
    public SemiSupervisedSettings optBnImages(int v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, v, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optSeed(long v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, v, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optWorkers(int v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, v, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    public SemiSupervisedSettings optDiagnosticsEvery(int v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, v, featureConsistency, featureDistance, mixupAlpha, rampup, distributionAlignment);
    }

    /**
     * Adds W × the distance between the L2-normalised backbone features of the source view (a constant target) and of
     * the strong view to the objective ({@link FeatureConsistency}); 0 turns it off.
     */
    public SemiSupervisedSettings optFeatureConsistency(double w, FeatureConsistency.Distance distance) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, w, distance, mixupAlpha, rampup, distributionAlignment);
    }

    /** MixMatch's MixUp α: the mixing coefficient is drawn from Beta(α, α). */
    public SemiSupervisedSettings optMixupAlpha(double v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, v, rampup, distributionAlignment);
    }

    /** MixMatch's ramp-up of λ_u, as a share of the steps (0: full weight from the first step). */
    public SemiSupervisedSettings optRampup(double v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, v, distributionAlignment);
    }

    /**
     * Distribution alignment of the unlabeled predictions before they become targets ({@link DistributionAlignment},
     * ReMixMatch's remedy for guesses that drift onto a few classes); on by default for MixMatch only.
     */
    public SemiSupervisedSettings optDistributionAlignment(boolean v) {
        return new SemiSupervisedSettings(method, steps, labeledBatch, mu, lambda, temperature, confidence, tsa, learningRate, weightDecay, cosine, emaDecay, bnImages, seed, workers, diagnosticsEvery, featureConsistency, featureDistance, mixupAlpha, rampup, v);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("steps", steps);
        m.put("labeled_batch", labeledBatch);
        if (!labelsOnly()) {
            m.put("mu", mu);
            m.put("unlabeled_batch", unlabeledBatch());
            m.put("lambda", lambda);
            if (!method.equals("fixmatch")) {
                m.put("temperature", temperature);
            }
            if (mixes()) {
                m.put("views", 2);
                m.put("mixup_alpha", mixupAlpha);
                m.put("rampup_share", rampup);
            } else {
                m.put(method.equals("uda") ? "confidence" : "threshold", confidence);
            }
            m.put("distribution_alignment", distributionAlignment
                    ? "window " + DistributionAlignment.WINDOW + " batches, labeled marginal" : "off");
            if (featureConsistency > 0) {
                m.put("feature_consistency", featureConsistency);
                m.put("feature_distance", featureDistance.id());
            }
        }
        m.put("tsa", tsa.name().toLowerCase());
        m.put("optimizer", "sgd-nesterov-0.9");
        m.put("learning_rate", learningRate);
        m.put("schedule", cosine ? "cos(7*pi*k/(16*K))" : "constant");
        m.put("weight_decay", weightDecay);
        m.put("ema_decay", emaDecay);
        m.put("bn_reestimation_images", emaDecay > 0 ? bnImages : 0);
        m.put("seed", seed);
        return m;
    }

    private static void check(boolean ok, String what, Object value, String expected) {
        if (!ok) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad " + what + " [" + value + "], expected " + expected,
                    String.valueOf(value), List.of(), null);
        }
    }
}
