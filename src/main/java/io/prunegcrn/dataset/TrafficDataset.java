package io.prunegcrn.dataset;

import java.util.List;

/**
 * A named series with what is known about its sensors.
 *
 * @param locations one per sensor in series order, or empty when unknown
 * @param roadGraph road links, or empty when unknown (display and baselines only; the model learns its own graph)
 */
public record TrafficDataset(String id, String description, TrafficSeries series, List<SensorLocation> locations,
        List<RoadEdge> roadGraph) {

    public TrafficDataset {
        locations = List.copyOf(locations);
        roadGraph = List.copyOf(roadGraph);
        if (!locations.isEmpty() && locations.size() != series.nodes()) {
            throw new IllegalArgumentException("locations must cover every sensor");
        }
    }
}
