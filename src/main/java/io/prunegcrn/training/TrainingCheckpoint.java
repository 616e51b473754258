package io.prunegcrn.training;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Everything needed to continue a run: the arrays (parameters, Adam moments, the best epoch's parameters) and the
 * scalar {@link State}, which a store writes as it is.
 *
 * @param parameters     current parameters (raw mask included)
 * @param optimizerState Adam moments by "{param}.m" / "{param}.v"
 * @param best           parameters of the best epoch within the budget, or null
 */
public record TrainingCheckpoint(State state, Map<String, INDArray> parameters, Map<String, INDArray> optimizerState,
        Map<String, INDArray> best) {

    /**
     * The scalar part of a checkpoint.
     *
     * @param nextEpoch         0-based epoch to run next (or to finish, when nextBatch > 0)
     * @param nextBatch         0-based batch of nextEpoch to run next (non-zero for a checkpoint taken mid-epoch at shutdown)
     * @param partialLoss       sum of the losses of nextEpoch's batches before nextBatch
     * @param epochStartMask    the binary mask when nextEpoch began (for its flip count), or null
     * @param optimizerSteps    Adam step counts by parameter name
     * @param bestValidationMae null while no epoch was within the budget
     * @param frozenMask        the selected 0/1 mask once it is frozen, or null while it learns
     * @param learnedRaw        the raw mask values at the moment the learned mask was frozen, or null
     * @param maskGradientSum   accumulated straight-through mask gradient (tie-break of the final selection)
     * @param selectorState     the learned selection's averages ({@link SensorSelector}), or null
     */
    // flat, as earlier versions wrote it, so a job checkpointed before an upgrade resumes after it; their "hasBest"
    // is now told by the best/ entries
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(int nextEpoch, int nextBatch, double partialLoss, float[] epochStartMask,
            Map<String, Long> optimizerSteps, Double bestValidationMae, int bestEpoch, int epochsWithoutImprovement,
            List<EpochRecord> history, float[] frozenMask, float[] learnedRaw, double[] maskGradientSum,
            double[] selectorState) {
    }
}
