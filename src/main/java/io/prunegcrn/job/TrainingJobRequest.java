package io.prunegcrn.job;

import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** A training job to start. Omitted fields take MODEL.md's defaults. */
record TrainingJobRequest(
        @NotBlank @Schema(example = "los-loop") String datasetId,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
        @Schema(description = "Share of sensors allowed, 0 < gamma <= 1", example = "0.25") Double gamma,
        @Schema(description = "prunegcrn (learned mask, default), random, correlation or full", example = "prunegcrn") SelectionMethod method,
        @Min(1) @Schema(example = "5") Integer epochs,
        @Schema(example = "1") Long seed,
        @Min(1) @Max(1024) @Schema(example = "64") Integer hiddenUnits,
        @Min(1) @Max(256) @Schema(example = "10") Integer embedDim,
        @Min(1) @Max(4096) @Schema(example = "64") Integer batchSize,
        @DecimalMin(value = "0", inclusive = false) @Schema(example = "0.003") Double learningRate,
        @DecimalMin(value = "0", inclusive = false) @Schema(example = "0.05") Double maskLearningRate,
        @Min(1) @Schema(example = "15") Integer patience,
        @Min(0) @Schema(description = "Epochs with the mask frozen before it learns (default: derived from epochs)") Integer warmupEpochs,
        @Min(0) @Schema(description = "Epochs in which the mask learns (default: derived from epochs)") Integer pruneEpochs) {

    TrainingConfig toConfig() {
        SelectionMethod m = method == null ? SelectionMethod.PRUNEGCRN : method;
        TrainingConfig d = TrainingConfig.defaults(m, gamma);
        return new TrainingConfig(m, gamma, orElse(epochs, d.epochs()), orElse(batchSize, d.batchSize()),
                orElse(learningRate, d.learningRate()), orElse(maskLearningRate, d.maskLearningRate()),
                orElse(patience, d.patience()), orElse(seed, d.seed()), orElse(hiddenUnits, d.hiddenUnits()),
                orElse(embedDim, d.embedDim()), d.chebK(), warmupEpochs, pruneEpochs);
    }

    static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
