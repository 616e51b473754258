package io.prunegcrn.model.report;

/**
 * One sensor of a model as the report and the map export show it.
 *
 * @param rank      1 for the retained sensor with the largest raw mask value; null when switched off
 * @param latitude  null when the dataset has no coordinates
 * @param testMae   the forecast's test MAE at this sensor (all horizons), read or not
 */
public record SensorRow(int index, String sensorId, boolean retained, Integer rank, float rawMask, Double latitude,
        Double longitude, double testMae, double testRmse) {

    boolean located() {
        return latitude != null && longitude != null;
    }
}
