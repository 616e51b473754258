package io.prunegcrn.training;

import java.util.List;

import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.model.ModelParameters;
import io.prunegcrn.model.NetworkShape;

/**
 * A finished run: the chosen parameters (best validation epoch within the budget), the final mask and how
 * it performs on the test split.
 *
 * @param mask          final binary mask, 1 = sensor kept
 * @param rawMask       raw mask values r at the end (for baselines: the fixed 0/1 selection)
 * @param budget        ⌈γN⌉
 * @param bestEpoch     1-based epoch whose parameters were kept
 * @param maskGradientSum   Σ of the straight-through mask gradient over warm-up and pruning (diagnostics)
 * @param pruningRawAverage raw mask averaged over the pruning batches (diagnostics; zeros without pruning)
 * @param selectionDelta    per sensor, mean loss of samples with it off minus with it on (diagnostics; zeros
 *                          unless the mask was learned)
 */
public record TrainingResult(NetworkShape shape, TrainingConfig config, ZScore scale, ModelParameters parameters,
        float[] mask, float[] rawMask, int budget, int bestEpoch, double bestValidationMae, List<EpochRecord> curve,
        ForecastMetrics test, double trainingSeconds, double[] maskGradientSum, double[] pruningRawAverage,
        double[] selectionDelta) {

    public SensorMask sensorMask() {
        return new SensorMask(mask, rawMask);
    }

    public int sensorsKept() {
        return sensorMask().keptCount();
    }
}
