package io.prunegcrn.sweep;

import java.time.Instant;
import java.util.List;

import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;

/**
 * A grid of training jobs on one dataset: every forecaster × method × γ × seed, with the full model (γ = 1) once per
 * forecaster and seed, all with the same settings. Persisted as {@code sweeps/{id}/sweep.json}; the fields after
 * {@code kneeTolerance} are null in sweeps stored before they existed.
 *
 * @param kneeTolerance   how far above the full model's test MAE a method's MAE may be and still count for its knee
 *                        (0.05 = 5 %); null: the default
 * @param forecasters     null: the network alone
 * @param randomDraws     random sensor sets per γ < 1 scored under the linear forecaster for the band (0: none)
 * @param warmStart       the full model every pruned network starts from, or null (trained from scratch)
 * @param waiting         pruned network jobs not queued yet: they are queued with the warm start once its job
 *                        ({@code warmStartJob}) has made it
 * @param error           why the sweep stopped short (its warm start was not made), or null
 */
record Sweep(String id, String datasetId, List<Double> gammas, List<SelectionMethod> methods, List<Long> seeds,
        int epochs, List<String> jobIds, Instant createdAt, Double kneeTolerance, List<Forecaster> forecasters,
        Integer randomDraws, String warmStart, String warmStartJob, List<TrainingConfig> waiting, String error) {

    public static final double DEFAULT_KNEE_TOLERANCE = 0.05;

    /** The fields of sweeps stored before warm starts and forecasters existed. */
    Sweep(String id, String datasetId, List<Double> gammas, List<SelectionMethod> methods, List<Long> seeds, int epochs,
            List<String> jobIds, Instant createdAt, Double kneeTolerance) {
        this(id, datasetId, gammas, methods, seeds, epochs, jobIds, createdAt, kneeTolerance, null, null, null, null, null,
                null);
    }

    public double kneeToleranceOrDefault() {
        return kneeTolerance == null ? DEFAULT_KNEE_TOLERANCE : kneeTolerance;
    }

    List<Forecaster> forecastersOrDefault() {
        return forecasters == null ? List.of(Forecaster.NETWORK) : forecasters;
    }

    int randomDrawsOrNone() {
        return randomDraws == null ? 0 : randomDraws;
    }

    List<TrainingConfig> waitingOrNone() {
        return waiting == null ? List.of() : waiting;
    }

    /** The sweep once its waiting jobs were queued as {@code queued}, or dropped with {@code error}. */
    Sweep released(List<String> queued, String why) {
        List<String> ids = new java.util.ArrayList<>(jobIds);
        ids.addAll(queued);
        return new Sweep(id, datasetId, gammas, methods, seeds, epochs, List.copyOf(ids), createdAt, kneeTolerance,
                forecasters, randomDraws, warmStart, warmStartJob, List.of(), why);
    }
}
