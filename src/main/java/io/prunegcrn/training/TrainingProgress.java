package io.prunegcrn.training;

/**
 * A progress report, sent after every batch and every epoch.
 *
 * @param epoch          1-based epoch in progress
 * @param batch          1-based batch within the epoch
 * @param trainLoss      loss of the last batch (data units)
 * @param validationMae  validation MAE of the last finished epoch, NaN before the first
 * @param sensorsKept    sensors the mask keeps now
 * @param budget         ⌈γN⌉
 * @param maskFlips      flips in the last finished epoch
 * @param elapsedSeconds since the start of this run (resumed runs count from the resume)
 * @param etaSeconds     estimate of the time left, assuming every epoch runs
 */
public record TrainingProgress(int epoch, int epochs, int batch, int batches, TrainingPhase phase, double trainLoss,
        double validationMae, int sensorsKept, int budget, int maskFlips, double elapsedSeconds, double etaSeconds) {
}
