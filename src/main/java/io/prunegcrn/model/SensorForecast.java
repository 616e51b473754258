package io.prunegcrn.model;

/**
 * The forecast for one sensor.
 *
 * @param retained whether the model reads this sensor (mask = 1)
 * @param forecast one value per horizon step, data units
 * @param actual   the readings that followed, when the dataset holds them; null otherwise
 */
record SensorForecast(String sensorId, boolean retained, float[] forecast, float[] actual) {
}
