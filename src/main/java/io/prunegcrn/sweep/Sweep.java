package io.prunegcrn.sweep;

import java.time.Instant;
import java.util.List;

import io.prunegcrn.training.SelectionMethod;

/**
 * A grid of training jobs on one dataset: every method × γ × seed (the full baseline once per seed, at γ = 1),
 * all with the same epochs. Persisted as {@code sweeps/{id}/sweep.json}.
 *
 * @param kneeTolerance how far above the full model's test MAE a method's MAE may be and still count for its knee
 *                      (0.05 = 5 %); null in sweeps stored before it existed, which then use the default
 */
record Sweep(String id, String datasetId, List<Double> gammas, List<SelectionMethod> methods, List<Long> seeds,
        int epochs, List<String> jobIds, Instant createdAt, Double kneeTolerance) {

    public static final double DEFAULT_KNEE_TOLERANCE = 0.05;

    public double kneeToleranceOrDefault() {
        return kneeTolerance == null ? DEFAULT_KNEE_TOLERANCE : kneeTolerance;
    }
}
