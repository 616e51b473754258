package io.prunegcrn.training;

/** The run stopped on request (service shutdown) after saving a checkpoint; it resumes from there. */
public class TrainingInterruptedException extends RuntimeException {

    public TrainingInterruptedException(int epoch, int batch) {
        super("training paused before epoch " + epoch + ", batch " + batch + "; it resumes from the checkpoint");
    }
}
