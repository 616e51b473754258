package io.prunegcrn.model;

import io.prunegcrn.dataset.TrafficDataset;

/** Small generated datasets shared by tests. */
public final class ModelArchiveTestData {

    private ModelArchiveTestData() {
    }

    public static TrafficDataset sines(int sensors, int steps) {
        return ModelArchiveTests.sines(sensors, steps);
    }
}
