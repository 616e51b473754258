package io.prunegcrn.training;

/**
 * How the learned mask is trained, in three phases:
 * <ol>
 * <li>warm-up: the mask is frozen at ones, so that its gradient later comes from a network that already
 * uses its inputs;</li>
 * <li>pruning: the raw mask learns under {@code MAE × (1 + MLoss)} with its own learning rate and is
 * clamped to [0, 1] after every update;</li>
 * <li>fine-tuning: the ⌈γN⌉ sensors with the largest raw values are kept, the mask is frozen, and the network
 * adapts to it. Only these epochs are within the budget by construction, so the best checkpoint is always
 * one trained on the final mask.</li>
 * </ol>
 * Defaults for E epochs: warm-up ⌊E/5⌋ (at most 5), pruning ⌊2E/5⌋ (at least 1, at most 10), at least one
 * epoch left for fine-tuning when E ≥ 2.
 */
record MaskSchedule(int warmupEpochs, int pruneEpochs) {

    public static MaskSchedule of(TrainingConfig config) {
        if (!config.learnsMask()) {
            return new MaskSchedule(0, 0);
        }
        TrainingSettings s = config.settings();
        int e = s.epochs();
        int warmup = s.warmupEpochs() != null ? s.warmupEpochs() : Math.min(5, e / 5);
        int prune = s.pruneEpochs() != null ? s.pruneEpochs() : Math.min(10, Math.max(1, 2 * e / 5));
        if (s.warmupEpochs() == null && s.pruneEpochs() == null) {
            // leave at least one fine-tuning epoch
            while (warmup + prune > Math.max(1, e - 1) && warmup > 0) {
                warmup--;
            }
            prune = Math.min(prune, Math.max(1, e - 1 - warmup));
        }
        return new MaskSchedule(warmup, prune);
    }

    /** The phase of a 0-based epoch. */
    public TrainingPhase phase(int epoch) {
        if (epoch < warmupEpochs) {
            return TrainingPhase.WARMUP;
        }
        if (epoch < warmupEpochs + pruneEpochs) {
            return TrainingPhase.PRUNING;
        }
        return TrainingPhase.FINE_TUNING;
    }

    /** First epoch with the final, frozen mask. */
    public int freezeEpoch() {
        return warmupEpochs + pruneEpochs;
    }
}
