package io.prunegcrn.training;

import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;

/**
 * A finished run: what the model needs (shape, config, scale, the chosen parameters of the best validation epoch
 * within the budget), what the run produced ({@link TrainingOutcome}, stored with the model) and the mask's
 * {@link MaskDiagnostics}.
 */
public record TrainingResult(NetworkShape shape, TrainingConfig config, ZScore scale, ModelParameters parameters,
        TrainingOutcome outcome, MaskDiagnostics diagnostics) {
}
