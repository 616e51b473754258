package io.prunegcrn.training;

/** Receives progress while a model trains. Called on the training thread: keep it quick. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    default void onBatch(TrainingProgress progress) {
    }

    default void onEpoch(EpochRecord record, TrainingProgress progress) {
    }

    /**
     * After every epoch, for benchmarks that follow the test split while training (how fast a warm start gets somewhere):
     * {@code test} computes the current parameters' test metrics when called (and costs nothing when not). Training
     * never reads them.
     */
    default void onEpochTest(int epoch, java.util.function.Supplier<io.prunegcrn.evaluation.ForecastMetrics> test) {
    }
}
