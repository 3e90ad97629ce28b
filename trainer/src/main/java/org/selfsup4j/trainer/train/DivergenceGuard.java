package org.selfsup4j.trainer.train;

import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * Stops a run at the first step whose loss or weights are not finite: a diverged network must not be trained on,
 * saved or scored. The weights are checked through their sum (one reduction per step; the sum is finite only if every
 * weight is, short of an overflow that is divergence too).
 */
public final class DivergenceGuard {
    private DivergenceGuard() {
    }

    /**
     * Throws {@link ErrorCode#TRAINING_DIVERGED} naming the step, what went non-finite, the learning rate and what is
     * left of the run ({@code kept}: the last checkpoint, or nothing — asked only when the run has diverged, since
     * finding out lists a folder).
     */
    public static void check(ComputationGraph graph, long step, double loss, double learningRate, Supplier<String> kept) {
        boolean lossBad = !Double.isFinite(loss);
        boolean weightsBad = !Double.isFinite(graph.params().sumNumber().doubleValue());
        if (!lossBad && !weightsBad) {
            return;
        }
        String what = lossBad && weightsBad ? "the loss is " + loss + " and the weights are no longer finite"
                : lossBad ? "the loss is " + loss : "the weights are no longer finite (loss " + loss + ")";
        throw new SelfSupException(ErrorCode.TRAINING_DIVERGED, "Training diverged at step " + step + ": " + what
                + ". The usual cause is a learning rate too high for the optimiser (it is " + learningRate
                + "; try --lr 10 times smaller); check the data for non-finite values too. Nothing was saved as a model; "
                + kept.get(), String.valueOf(loss), List.of(), null);
    }
}
