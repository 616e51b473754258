package io.prunegcrn.training;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

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
     * The scalar part of a checkpoint. Early stopping and the mask keep their own parts ({@link BestEpoch.Saved},
     * {@link MaskState.Saved}), unwrapped into one flat object as earlier versions wrote it, so a job checkpointed
     * before an upgrade resumes after it (their "hasBest" is now told by the best/ entries).
     *
     * @param nextEpoch      0-based epoch to run next (or to finish, when nextBatch > 0)
     * @param nextBatch      0-based batch of nextEpoch to run next (non-zero for a checkpoint taken mid-epoch at shutdown)
     * @param partialLoss    sum of the losses of nextEpoch's batches before nextBatch
     * @param epochStartMask the binary mask when nextEpoch began (for its flip count), or null
     * @param optimizerSteps Adam step counts by parameter name
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(int nextEpoch, int nextBatch, double partialLoss, float[] epochStartMask,
            Map<String, Long> optimizerSteps, @JsonUnwrapped BestEpoch.Saved best, List<EpochRecord> history,
            @JsonUnwrapped MaskState.Saved mask) {
    }
}
