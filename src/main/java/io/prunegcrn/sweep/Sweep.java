package io.prunegcrn.sweep;

import java.time.Instant;
import java.util.List;

import io.prunegcrn.training.SelectionMethod;

/**
 * A grid of training jobs on one dataset: every method × γ × seed (the full baseline once per seed, at γ = 1),
 * all with the same epochs. Persisted as {@code sweeps/{id}/sweep.json}.
 */
public record Sweep(String id, String datasetId, List<Double> gammas, List<SelectionMethod> methods, List<Long> seeds,
        int epochs, List<String> jobIds, Instant createdAt) {
}
