package org.selfsup4j.trainer.train;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Batches;

/** Scores a classifier on labeled images (inference mode, in batches). */
public final class Evaluator {
    private Evaluator() {
    }

    public static EvaluationReport evaluate(TrainedModel model, LabeledImages data, int batchSize) {
        model.requireClassifier("evaluate");
        model.requireInputShape(data.shape());
        ComputationGraph graph = model.graph();
        int classes = Networks.outputs(graph);
        if (data.numClasses() > classes) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "The data has " + data.numClasses() + " classes "
                    + data.classNames() + " but the model predicts " + classes, String.valueOf(data.numClasses()),
                    List.of(), null);
        }
        long[][] confusion = new long[classes][classes];
        int batch = Batches.inferenceBatch(batchSize, data.shape(), 1);
        for (int from = 0; from < data.size(); from += batch) {
            int to = Math.min(data.size(), from + batch);
            INDArray out = graph.outputSingle(false, Batches.features(model.convert(data.images().subList(from, to))));
            INDArray predicted = out.argMax(1);
            for (int i = from; i < to; i++) {
                confusion[data.label(i)][predicted.getInt(i - from)]++;
            }
        }
        List<String> names = model.classNames().size() == classes ? model.classNames() : data.classNames();
        if (names.size() < classes) {
            names = new java.util.ArrayList<>(names);
            for (int c = names.size(); c < classes; c++) {
                names.add("class-" + c);
            }
        }
        return new EvaluationReport(names, confusion);
    }
}
