package io.prunegcrn.model.whatif;

import java.util.List;

import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.model.backtest.SensorError;

/**
 * A model's error over a range of steps when it reads exactly the sensors of {@code keep}.
 *
 * @param keep        the sensors read, in the model's sensor order
 * @param added       sensors read here that the model itself does not read
 * @param removed     sensors the model reads that are switched off here
 * @param budget      the model's ⌈γN⌉ (a what-if set may be larger)
 * @param metrics     MAE, RMSE and MAPE per horizon over every sensor
 * @param sensors     the error at each sensor; {@code kept}: read in this what-if
 */
public record WhatIf(String modelId, String datasetId, List<String> keep, List<String> added, List<String> removed,
        int sensorsRead, int budget, int from, int to, int windows, ForecastMetrics metrics, List<SensorError> sensors) {
}
