package io.prunegcrn.dataset;

import java.util.List;

/**
 * Readings of one channel for every sensor: T steps × N sensors, row-major (step, sensor), plus the
 * sensor ids in column order.
 */
public final class TrafficSeries {

    private final float[] values;
    private final int steps;
    private final List<String> sensorIds;

    public TrafficSeries(float[] values, int steps, List<String> sensorIds) {
        if (values.length != (long) steps * sensorIds.size()) {
            throw new IllegalArgumentException("values hold " + values.length + " readings, expected "
                    + steps + " × " + sensorIds.size());
        }
        this.values = values;
        this.steps = steps;
        this.sensorIds = List.copyOf(sensorIds);
    }

    public int steps() {
        return steps;
    }

    public int nodes() {
        return sensorIds.size();
    }

    public List<String> sensorIds() {
        return sensorIds;
    }

    public float get(int step, int node) {
        return values[step * sensorIds.size() + node];
    }

    /** The backing array (not copied): callers must not modify it. */
    float[] values() {
        return values;
    }
}
