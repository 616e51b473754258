package io.prunegcrn.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The datasets that ship inside the application (src/main/resources/datasets). */
public final class BundledDatasets {

    public static final String LOS_LOOP = "los-loop";
    private static final String DIR = "/datasets/los-loop/";

    private BundledDatasets() {
    }

    /** Los-loop: 207 METR-LA detectors, speed (mph), 2016 five-minute steps, with coordinates and road graph. */
    public static TrafficDataset losLoop() {
        TrafficSeries series;
        try (InputStream in = open("los_speed.csv")) {
            series = CsvSeriesReader.read("los_speed.csv", in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream loc = open("graph_sensor_locations.csv"); InputStream adj = open("los_adj.csv")) {
            return new TrafficDataset(LOS_LOOP,
                    "Los-loop: 207 METR-LA loop detectors (Los Angeles), speed in mph, 5-minute steps, March 2012 (T-GCN, MIT)",
                    series, SensorLocationReader.read("graph_sensor_locations.csv", loc, series.sensorIds()),
                    RoadGraphReader.read("los_adj.csv", adj, series.sensorIds()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = BundledDatasets.class.getResourceAsStream(DIR + file);
        if (in == null) {
            throw new IllegalStateException("bundled file missing: " + DIR + file);
        }
        return in;
    }
}
