package io.prunegcrn.model.sensorerror;

import java.util.List;

import io.prunegcrn.model.backtest.SensorError;

/**
 * Test error of a model at each sensor, over the 12 horizons and every window of the test split (data units).
 *
 * @param windows test windows evaluated
 */
public record SensorErrors(String modelId, String datasetId, int windows, List<SensorError> sensors) {
}
