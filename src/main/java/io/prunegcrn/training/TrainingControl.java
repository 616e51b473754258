package io.prunegcrn.training;

import java.util.function.BooleanSupplier;

/** Asked between batches: should the run stop for good (cancel) or stop with a checkpoint to resume later (pause)? */
public interface TrainingControl {

    boolean cancelRequested();

    boolean pauseRequested();

    static TrainingControl cancelledWhen(BooleanSupplier cancelled) {
        return new TrainingControl() {
            @Override
            public boolean cancelRequested() {
                return cancelled.getAsBoolean();
            }

            @Override
            public boolean pauseRequested() {
                return false;
            }
        };
    }
}
