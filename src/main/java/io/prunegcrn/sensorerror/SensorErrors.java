package io.prunegcrn.sensorerror;

import java.util.List;

/**
 * Test error of a model at each sensor, over the 12 horizons and every window of the test split (data units).
 *
 * @param windows test windows evaluated
 */
record SensorErrors(String modelId, String datasetId, int windows, List<SensorError> sensors) {

    /** @param kept whether the model reads this sensor (mask = 1) */
    record SensorError(int index, String sensorId, boolean kept, double mae, double rmse) {
    }
}
