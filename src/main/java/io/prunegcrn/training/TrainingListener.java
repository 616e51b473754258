package io.prunegcrn.training;

/** Receives progress while a model trains. Called on the training thread: keep it quick. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    default void onBatch(TrainingProgress progress) {
    }

    default void onEpoch(EpochRecord record, TrainingProgress progress) {
    }
}
