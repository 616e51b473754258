package io.prunegcrn.training;

import java.util.List;

import io.prunegcrn.evaluation.ForecastMetrics;

/**
 * What a finished run produced, as its model keeps it: the part of {@link TrainingResult} that
 * {@code model.ModelMetadata} stores (unwrapped, so {@code model.json} stays one flat object). A new figure of a
 * run is one component here and its value where the run computes it.
 *
 * @param mask              final binary mask, 1 = sensor kept
 * @param rawMask           raw mask values r at the end (for baselines: the fixed 0/1 selection)
 * @param budget            ⌈γN⌉
 * @param bestEpoch         1-based epoch whose parameters were kept
 * @param bestValidationMae its validation MAE (data units)
 * @param curve             every finished epoch
 * @param test              the kept parameters' metrics on the test split
 */
public record TrainingOutcome(float[] mask, float[] rawMask, int budget, int bestEpoch, double bestValidationMae,
        List<EpochRecord> curve, ForecastMetrics test, double trainingSeconds) {

    public SensorMask sensorMask() {
        return new SensorMask(mask, rawMask);
    }

    public int sensorsKept() {
        return sensorMask().keptCount();
    }
}
