package io.prunegcrn.training;

/** Thrown between batches when the run was asked to stop. The last checkpoint stays on disk. */
public class TrainingCancelledException extends RuntimeException {

    public TrainingCancelledException() {
        super("training was cancelled");
    }
}
