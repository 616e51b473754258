package io.prunegcrn.model;

import java.util.List;

/**
 * A 12-step forecast for every sensor of a model's network.
 *
 * @param fromStep    index of the first forecast step in the dataset (null for readings posted by the caller)
 * @param stepMinutes minutes per step: value h (0-based) of each sensor's forecast is (h + 1) × stepMinutes ahead
 * @param degraded    retained sensors whose readings were missing or incomplete: read as switched off for this forecast
 */
public record Forecast(String modelId, String datasetId, Integer fromStep, int horizon, int stepMinutes,
        List<SensorForecast> sensors, List<String> degraded) {
}
