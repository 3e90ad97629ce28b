package org.selfsup4j.trainer.train;

/** A trained model and how its training went. */
public record TrainResult(TrainedModel model, TrainingHistory history) {
}
