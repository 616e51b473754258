package io.prunegcrn.job;

import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A training job to start. Omitted fields take MODEL.md's defaults; ranges are checked once, by
 * {@link TrainingConfig} (a violation is a 400 naming the field), and documented here for the OpenAPI schema.
 */
record TrainingJobRequest(
        @NotBlank @Schema(example = "los-loop") String datasetId,
        @NotNull @Schema(description = "Share of sensors allowed, 0 < gamma <= 1", example = "0.25",
                minimum = "0", exclusiveMinimum = true, maximum = "1") Double gamma,
        @Schema(description = "prunegcrn (learned mask, default), random, correlation or full", example = "prunegcrn") SelectionMethod method,
        @Schema(example = "5", minimum = "1", maximum = "10000") Integer epochs,
        @Schema(example = "1") Long seed,
        @Schema(example = "64", minimum = "1", maximum = "1024") Integer hiddenUnits,
        @Schema(example = "10", minimum = "1", maximum = "256") Integer embedDim,
        @Schema(example = "64", minimum = "1", maximum = "4096") Integer batchSize,
        @Schema(example = "0.003", minimum = "0", exclusiveMinimum = true) Double learningRate,
        @Schema(example = "0.05", minimum = "0", exclusiveMinimum = true) Double maskLearningRate,
        @Schema(example = "15", minimum = "1") Integer patience,
        @Schema(description = "Epochs with the mask frozen before it learns (default: derived from epochs)", minimum = "0") Integer warmupEpochs,
        @Schema(description = "Epochs in which the mask learns (default: derived from epochs)", minimum = "0") Integer pruneEpochs) {

    TrainingConfig toConfig() {
        return TrainingConfig.builder(method, gamma).epochs(epochs).seed(seed).network(hiddenUnits, embedDim)
                .batchSize(batchSize).learningRate(learningRate).maskLearningRate(maskLearningRate).patience(patience)
                .maskSchedule(warmupEpochs, pruneEpochs).build();
    }
}
