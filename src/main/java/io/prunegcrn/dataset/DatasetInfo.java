package io.prunegcrn.dataset;

import java.time.Instant;

/**
 * What is stored about an uploaded dataset besides its files ({@code dataset.json}).
 *
 * @param seriesFile     stored file name of the series: {@code series.csv} or {@code series.npz}
 * @param channel        channel of an npz series that is used (0 = flow in PeMS)
 * @param hasLocations   {@code locations.csv} is stored
 * @param hasRoadGraph   {@code road-graph.csv} is stored
 * @param header         whether the CSV series has a header row (null in records from before it existed: auto)
 * @param stepMinutes    minutes between two readings (null in records from before it existed: 5)
 */
public record DatasetInfo(String id, String description, String seriesFile, int channel, boolean hasLocations,
        boolean hasRoadGraph, Instant createdAt, boolean bundled, CsvHeader header, Integer stepMinutes) {

    public DatasetInfo {
        header = header == null ? CsvHeader.AUTO : header;
        stepMinutes = stepMinutes == null ? TrafficDataset.DEFAULT_STEP_MINUTES : stepMinutes;
    }
}
