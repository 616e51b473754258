package io.prunegcrn.dataset;

import java.util.List;

/**
 * A named series with what is known about its sensors.
 *
 * @param locations   one per sensor in series order, or empty when unknown
 * @param roadGraph   road links, or empty when unknown (display and baselines only; the model learns its own graph)
 * @param stepMinutes minutes between two readings: every time the API and the pages show (horizons, ranges) is steps
 *                    times this
 */
public record TrafficDataset(String id, String description, TrafficSeries series, List<SensorLocation> locations,
        List<RoadEdge> roadGraph, int stepMinutes) {

    /** Los-loop's and PeMS's step, and the step of a dataset uploaded without one. */
    public static final int DEFAULT_STEP_MINUTES = 5;
    /** A day: the longest step an upload may declare. */
    public static final int MAX_STEP_MINUTES = 1440;

    public TrafficDataset {
        locations = List.copyOf(locations);
        roadGraph = List.copyOf(roadGraph);
        if (!locations.isEmpty() && locations.size() != series.nodes()) {
            throw new IllegalArgumentException("locations must cover every sensor");
        }
        requireStepMinutes("stepMinutes", stepMinutes);
    }

    /** A dataset of 5-minute steps. */
    public TrafficDataset(String id, String description, TrafficSeries series, List<SensorLocation> locations,
            List<RoadEdge> roadGraph) {
        this(id, description, series, locations, roadGraph, DEFAULT_STEP_MINUTES);
    }

    public static int requireStepMinutes(String field, int minutes) {
        if (minutes < 1 || minutes > MAX_STEP_MINUTES) {
            throw new IllegalArgumentException(field + ": must be between 1 and " + MAX_STEP_MINUTES + " minutes, got " + minutes);
        }
        return minutes;
    }
}
