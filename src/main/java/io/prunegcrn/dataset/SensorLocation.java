package io.prunegcrn.dataset;

/** Where a sensor is, in WGS84 degrees. */
public record SensorLocation(String sensorId, double latitude, double longitude) {
}
