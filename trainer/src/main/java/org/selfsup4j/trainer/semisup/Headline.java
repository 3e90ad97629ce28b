package org.selfsup4j.trainer.semisup;

import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.trainer.train.EvaluationReport;
import org.selfsup4j.trainer.train.Evaluator;
import org.selfsup4j.trainer.train.TrainedModel;

/**
 * Which of a semi-supervised run's two networks — the weight average (EMA) or the weights after the last step — is
 * the run's result, by a rule fixed before any test image is seen: without a validation set, the average (what the
 * papers evaluate); with one (labeled images held out of training), the network with the higher validation accuracy,
 * the average on a tie; without an average ({@code --ema 0}) the raw weights. The test set never takes part.
 *
 * @param weights {@link #EMA} or {@link #RAW}
 * @param rule the rule that chose, in words (recorded in run.json)
 * @param model the chosen network
 * @param validationEma the average's validation scores, or null without a validation set
 * @param validationRaw the raw weights' validation scores, or null without a validation set
 */
public record Headline(String weights, String rule, TrainedModel model, EvaluationReport validationEma,
                       EvaluationReport validationRaw) {
    public static final String EMA = "ema";
    public static final String RAW = "raw";

    /**
     * Applies the rule to {@code result}; {@code validation} may be null or empty (no validation set).
     *
     * @param averaging whether the run kept a weight average (its EMA decay is above 0)
     */
    public static Headline choose(SemiSupervisedTrainer.Result result, boolean averaging, LabeledImages validation) {
        if (!averaging) {
            return new Headline(RAW, "no weight average (--ema 0): the weights after the last step", result.model(), null, null);
        }
        if (validation == null || validation.size() == 0) {
            return new Headline(EMA, "fixed in advance: the weight average (no validation set)", result.averaged(), null, null);
        }
        EvaluationReport ema = Evaluator.evaluate(result.averaged(), validation, 500);
        EvaluationReport raw = Evaluator.evaluate(result.model(), validation, 500);
        boolean rawWins = raw.accuracy() > ema.accuracy();
        return new Headline(rawWins ? RAW : EMA, "the higher accuracy on " + validation.size()
                + " held-out labeled images (the weight average on a tie)", rawWins ? result.model() : result.averaged(), ema, raw);
    }
}
