package io.prunegcrn.training;

/**
 * What a training run does. Defaults (see {@link #defaults}) are MODEL.md's: Adam lr 0.003, batch 64, up to
 * 100 epochs, patience 15, AGCRN's network sizes.
 *
 * @param method            how sensors are selected
 * @param gamma             share of sensors allowed, in (0, 1]
 * @param epochs            maximum epochs, all phases together
 * @param batchSize         windows per step
 * @param learningRate      Adam learning rate of the network
 * @param maskLearningRate  Adam learning rate of the raw mask (learned selection only)
 * @param patience          epochs without improvement of validation MAE, counted within the budget, before stopping
 * @param seed              seeds initialisation, shuffling and random selection
 * @param hiddenUnits       GRU units
 * @param embedDim          node-embedding size d
 * @param chebK             support order K
 * @param warmupEpochs      epochs with the mask frozen at ones before it learns; null: derived from epochs
 * @param pruneEpochs       epochs in which the mask learns; null: derived from epochs
 */
public record TrainingConfig(SelectionMethod method, double gamma, int epochs, int batchSize, double learningRate,
        double maskLearningRate, int patience, long seed, int hiddenUnits, int embedDim, int chebK,
        Integer warmupEpochs, Integer pruneEpochs) {

    public static final double DEFAULT_MASK_LEARNING_RATE = 0.05;

    public TrainingConfig {
        require(method != null, "method: is required");
        require(gamma > 0 && gamma <= 1, "gamma: must be in (0, 1]");
        require(epochs >= 1 && epochs <= 10_000, "epochs: must be in [1, 10000]");
        require(batchSize >= 1 && batchSize <= 4096, "batchSize: must be in [1, 4096]");
        require(learningRate > 0 && learningRate < 10, "learningRate: must be in (0, 10)");
        require(maskLearningRate > 0 && maskLearningRate < 10, "maskLearningRate: must be in (0, 10)");
        require(patience >= 1, "patience: must be at least 1");
        require(hiddenUnits >= 1 && hiddenUnits <= 1024, "hiddenUnits: must be in [1, 1024]");
        require(embedDim >= 1 && embedDim <= 256, "embedDim: must be in [1, 256]");
        require(chebK >= 2 && chebK <= 5, "chebK: must be in [2, 5]");
        require(warmupEpochs == null || warmupEpochs >= 0, "warmupEpochs: must not be negative");
        require(pruneEpochs == null || pruneEpochs >= 0, "pruneEpochs: must not be negative");
        if (method == SelectionMethod.FULL) {
            require(gamma == 1.0, "gamma: the full baseline keeps every sensor, so gamma must be 1");
        }
    }

    public static TrainingConfig defaults(SelectionMethod method, double gamma) {
        return new TrainingConfig(method, gamma, 100, 64, 0.003, DEFAULT_MASK_LEARNING_RATE, 15, 1, 64, 10, 2, null, null);
    }

    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(method, gamma, value, batchSize, learningRate, maskLearningRate, patience, seed,
                hiddenUnits, embedDim, chebK, warmupEpochs, pruneEpochs);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(method, gamma, epochs, batchSize, learningRate, maskLearningRate, patience, value,
                hiddenUnits, embedDim, chebK, warmupEpochs, pruneEpochs);
    }

    public TrainingConfig withNetwork(int hidden, int embed) {
        return new TrainingConfig(method, gamma, epochs, batchSize, learningRate, maskLearningRate, patience, seed,
                hidden, embed, chebK, warmupEpochs, pruneEpochs);
    }

    public TrainingConfig withMaskSchedule(Integer warmup, Integer prune, double maskLr) {
        return new TrainingConfig(method, gamma, epochs, batchSize, learningRate, maskLr, patience, seed,
                hiddenUnits, embedDim, chebK, warmup, prune);
    }

    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(method, gamma, epochs, value, learningRate, maskLearningRate, patience, seed,
                hiddenUnits, embedDim, chebK, warmupEpochs, pruneEpochs);
    }

    /** True when the mask is learned: PruneGCRN below γ = 1. */
    public boolean learnsMask() {
        return method == SelectionMethod.PRUNEGCRN && gamma < 1.0;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
