package io.prunegcrn.training;

/**
 * One point of the training curve.
 *
 * @param trainLoss     mean loss over the epoch's batches, MAE × (1 + MLoss), data units
 * @param validationMae validation MAE (data units) with the mask at the end of the epoch
 * @param sensorsKept   sensors with m = 1 at the end of the epoch
 * @param maskFlips     sensors whose m changed during the epoch (end vs start)
 * @param withinBudget  sensorsKept ≤ ⌈γN⌉: only such epochs may become the best checkpoint
 */
public record EpochRecord(int epoch, TrainingPhase phase, double trainLoss, double validationMae, int sensorsKept,
        int maskFlips, boolean withinBudget, double seconds) {
}
