package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.selfsup4j.trainer.train.EvaluationReport;

class EvaluationReportTest {
    @Test
    void scoresComputedByHand() {
        // actual a: 8 right, 2 as b; actual b: 1 as a, 3 right; actual c: 0 examples, predicted once (from b? no: from a)
        long[][] m = {
            {8, 2, 0},
            {1, 3, 0},
            {0, 0, 0},
        };
        EvaluationReport r = new EvaluationReport(List.of("a", "b", "c"), m);
        assertEquals(14, r.total());
        assertEquals(11 / 14.0, r.accuracy(), 1e-12);
        // recall a = 0.8, b = 0.75; c has no examples and is left out of the balanced mean
        assertEquals((0.8 + 0.75) / 2, r.balancedAccuracy(), 1e-12);
        // precision a = 8/9, b = 3/5; F1 a = 2·(8/9)(0.8)/((8/9)+0.8), F1 b = 2·0.6·0.75/1.35, F1 c = 0
        double f1a = 2 * (8 / 9.0) * 0.8 / (8 / 9.0 + 0.8);
        double f1b = 2 * 0.6 * 0.75 / 1.35;
        assertEquals((f1a + f1b + 0) / 3, r.macroF1(), 1e-12);
    }
}
