package org.selfsup4j.trainer.semisup;

import java.util.ArrayList;
import java.util.List;

/** The steps of a semi-supervised run, the time it took and how long it waited for data. */
public final class SemiHistory {
    private final List<SemiStep> steps = new ArrayList<>();
    private double seconds;
    private double dataWaitShare;
    private boolean stoppedEarly;

    void add(SemiStep step) {
        steps.add(step);
    }

    void finish(double seconds, double dataWaitShare, boolean stoppedEarly) {
        this.seconds = seconds;
        this.dataWaitShare = dataWaitShare;
        this.stoppedEarly = stoppedEarly;
    }

    public List<SemiStep> steps() {
        return List.copyOf(steps);
    }

    public double seconds() {
        return seconds;
    }

    public double dataWaitShare() {
        return dataWaitShare;
    }

    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** CSV with one row per step (consistency empty where it was not computed). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("step,objective,supervised,consistency,mask_share,tsa_threshold,tsa_kept,learning_rate,seconds,feature_consistency\n");
        for (SemiStep s : steps) {
            sb.append(s.step()).append(',').append(s.objective()).append(',').append(s.supervised()).append(',')
                    .append(Double.isNaN(s.consistency()) ? "" : String.valueOf(s.consistency())).append(',')
                    .append(s.maskShare()).append(',').append(s.tsaThreshold()).append(',').append(s.tsaKept())
                    .append(',').append(s.learningRate()).append(',').append(s.seconds()).append(',')
                    .append(Double.isNaN(s.featureConsistency()) ? "" : String.valueOf(s.featureConsistency())).append('\n');
        }
        return sb.toString();
    }
}
