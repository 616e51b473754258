package io.prunegcrn.training;

/** Where a run is in the {@link MaskSchedule}. Baselines and γ = 1 train in FINE_TUNING only (mask fixed). */
public enum TrainingPhase {
    WARMUP, PRUNING, FINE_TUNING
}
