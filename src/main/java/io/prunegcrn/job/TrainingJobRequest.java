package io.prunegcrn.job;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A training job to start: what it selects, plus the {@link TrainingSettings} unwrapped into the same JSON object.
 * Omitted fields take MODEL.md's defaults; ranges are checked once, by {@link TrainingConfig} (a violation is a 400
 * naming the field).
 */
record TrainingJobRequest(
        @NotBlank @Schema(example = "los-loop") String datasetId,
        @NotNull @Schema(description = "Share of sensors allowed, 0 < gamma <= 1", example = "0.25",
                minimum = "0", exclusiveMinimum = true, maximum = "1") Double gamma,
        @Schema(description = "prunegcrn (learned mask, default), random, correlation, qr, greedy or full", example = "prunegcrn") SelectionMethod method,
        @Schema(description = "Seeds initialisation, shuffling and random selection", example = "1") Long seed,
        @Schema(description = "network (PruneGCRN, default) or linear (ridge regression from the kept sensors, seconds to "
                + "train; its method defaults to greedy)", example = "network") Forecaster forecaster,
        @JsonUnwrapped TrainingSettings settings) {

    TrainingConfig toConfig() {
        return TrainingConfig.of(method, gamma, seed, forecaster, settings);
    }
}
