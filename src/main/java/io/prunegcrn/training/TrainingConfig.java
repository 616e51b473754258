package io.prunegcrn.training;

/**
 * What a training run does. Defaults (applied by {@link Builder}, the one way configurations are made) are
 * MODEL.md's: Adam lr 0.003, batch 64, up to 100 epochs, patience 15, AGCRN's network sizes; mask learning rate 0.05.
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

    public TrainingConfig {
        require(method != null, "method: is required");
        requireGamma("gamma", gamma);
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

    /** The one rule for γ, also applied to a sweep's list before any of its jobs is built. */
    public static void requireGamma(String field, double gamma) {
        require(gamma > 0 && gamma <= 1, field + ": must be in (0, 1], got " + gamma);
    }

    /** MODEL.md's defaults for a method (null: the learned mask) and γ. */
    public static Builder builder(SelectionMethod method, double gamma) {
        return new Builder(method == null ? SelectionMethod.PRUNEGCRN : method, gamma);
    }

    public static TrainingConfig defaults(SelectionMethod method, double gamma) {
        return builder(method, gamma).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The one place defaults are applied. Every setter ignores null, so the optional fields of a request or a
     * command line map straight through: what the user left out keeps its default.
     */
    public static final class Builder {
        private SelectionMethod method;
        private double gamma;
        private int epochs = 100;
        private int batchSize = 64;
        private double learningRate = 0.003;
        private double maskLearningRate = 0.05;
        private int patience = 15;
        private long seed = 1;
        private int hiddenUnits = 64;
        private int embedDim = 10;
        private int chebK = 2;
        private Integer warmupEpochs;
        private Integer pruneEpochs;

        private Builder(SelectionMethod method, double gamma) {
            this.method = method;
            this.gamma = gamma;
        }

        private Builder(TrainingConfig c) {
            this(c.method, c.gamma);
            epochs = c.epochs;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            maskLearningRate = c.maskLearningRate;
            patience = c.patience;
            seed = c.seed;
            hiddenUnits = c.hiddenUnits;
            embedDim = c.embedDim;
            chebK = c.chebK;
            warmupEpochs = c.warmupEpochs;
            pruneEpochs = c.pruneEpochs;
        }

        public Builder method(SelectionMethod v) {
            method = v == null ? method : v;
            return this;
        }

        public Builder gamma(Double v) {
            gamma = v == null ? gamma : v;
            return this;
        }

        public Builder epochs(Integer v) {
            epochs = v == null ? epochs : v;
            return this;
        }

        public Builder batchSize(Integer v) {
            batchSize = v == null ? batchSize : v;
            return this;
        }

        public Builder learningRate(Double v) {
            learningRate = v == null ? learningRate : v;
            return this;
        }

        public Builder maskLearningRate(Double v) {
            maskLearningRate = v == null ? maskLearningRate : v;
            return this;
        }

        public Builder patience(Integer v) {
            patience = v == null ? patience : v;
            return this;
        }

        public Builder seed(Long v) {
            seed = v == null ? seed : v;
            return this;
        }

        public Builder network(Integer hidden, Integer embed) {
            hiddenUnits = hidden == null ? hiddenUnits : hidden;
            embedDim = embed == null ? embedDim : embed;
            return this;
        }

        /** Mask schedule: epochs frozen, epochs learning (null: derived from epochs) and the mask's learning rate. */
        public Builder maskSchedule(Integer warmup, Integer prune) {
            warmupEpochs = warmup == null ? warmupEpochs : warmup;
            pruneEpochs = prune == null ? pruneEpochs : prune;
            return this;
        }

        /** Validates every field (see the record's constructor): the one check for jobs, sweeps and the CLI. */
        public TrainingConfig build() {
            return new TrainingConfig(method, gamma, epochs, batchSize, learningRate, maskLearningRate, patience, seed,
                    hiddenUnits, embedDim, chebK, warmupEpochs, pruneEpochs);
        }
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
