package io.prunegcrn.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;

import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.system.ResourceNotFoundException;

/**
 * The datasets the service knows: the bundled Los-loop (always there, read-only) and uploads, each stored
 * as its original files under {@code datasets/{id}/}. Parsed datasets are cached in memory.
 */
@Service
public class DatasetCatalog {

    static final String AREA = "datasets";
    private static final String INFO = "dataset.json";
    private static final String LOCATIONS = "locations.csv";
    private static final String ROAD_GRAPH = "road-graph.csv";

    private final DataDirectory dir;
    private final Map<String, TrafficDataset> loaded = new ConcurrentHashMap<>();

    public DatasetCatalog(DataDirectory dir) {
        this.dir = dir;
    }

    /**
     * An upload as received: the series bytes and the optional companions.
     *
     * @param header      whether a CSV series starts with a header row
     * @param stepMinutes minutes between two readings
     */
    public record Upload(String id, String description, String seriesFileName, byte[] series, int channel,
            byte[] locations, byte[] roadGraph, CsvHeader header, int stepMinutes) {

        /** A CSV with or without a header as {@code auto} decides, of 5-minute steps. */
        public Upload(String id, String description, String seriesFileName, byte[] series, int channel, byte[] locations,
                byte[] roadGraph) {
            this(id, description, seriesFileName, series, channel, locations, roadGraph, CsvHeader.AUTO,
                    TrafficDataset.DEFAULT_STEP_MINUTES);
        }
    }

    public List<DatasetInfo> list() {
        List<DatasetInfo> all = new ArrayList<>();
        all.add(bundledInfo());
        for (String id : dir.ids(AREA)) {
            Path info = dir.resolve(AREA, id).resolve(INFO);
            if (Files.exists(info) && !BundledDatasets.LOS_LOOP.equals(id)) {
                all.add(dir.readJson(info, DatasetInfo.class));
            }
        }
        return all;
    }

    public DatasetInfo info(String id) {
        if (BundledDatasets.LOS_LOOP.equals(id)) {
            return bundledInfo();
        }
        Path info = dir.resolve(AREA, id).resolve(INFO);
        if (!Files.exists(info)) {
            throw new ResourceNotFoundException("dataset", id);
        }
        return dir.readJson(info, DatasetInfo.class);
    }

    public TrafficDataset get(String id) {
        info(id); // 404 for unknown ids, 400 for invalid ones
        return loaded.computeIfAbsent(id, this::read);
    }

    public Optional<TrafficDataset> find(String id) {
        try {
            return Optional.of(get(id));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Validates an upload completely (parse, cross-check ids, enough steps for one window in every split)
     * before anything is written; then stores it atomically.
     */
    public synchronized DatasetInfo add(Upload upload) {
        DataDirectory.requireValidId(upload.id());
        if (BundledDatasets.LOS_LOOP.equals(upload.id()) || Files.exists(dir.resolve(AREA, upload.id()))) {
            throw new ResourceConflictException("dataset '" + upload.id() + "' exists already");
        }
        boolean npz = upload.seriesFileName() != null && upload.seriesFileName().toLowerCase().endsWith(".npz");
        String seriesFile = npz ? "series.npz" : "series.csv";
        TrafficDataset.requireStepMinutes("stepMinutes", upload.stepMinutes());
        DatasetInfo info = new DatasetInfo(upload.id(), upload.description() == null ? "" : upload.description(), seriesFile,
                upload.channel(), upload.locations() != null, upload.roadGraph() != null, Instant.now(), false,
                upload.header(), upload.stepMinutes());
        TrafficDataset parsed = parse(info, upload.series(), upload.locations(), upload.roadGraph(), displayName(upload));
        Path target = dir.resolve(AREA, upload.id());
        try {
            DataDirectory.writeAtomically(target, tmp -> {
                Files.createDirectories(tmp);
                Files.write(tmp.resolve(seriesFile), upload.series());
                if (upload.locations() != null) {
                    Files.write(tmp.resolve(LOCATIONS), upload.locations());
                }
                if (upload.roadGraph() != null) {
                    Files.write(tmp.resolve(ROAD_GRAPH), upload.roadGraph());
                }
                dir.writeJson(tmp.resolve(INFO), info);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store dataset " + upload.id(), e);
        }
        loaded.put(upload.id(), parsed);
        return info;
    }

    /** Deletes an uploaded dataset unless {@code inUse} says a job still needs it. */
    public synchronized void delete(String id, Predicate<String> inUse) {
        if (BundledDatasets.LOS_LOOP.equals(id)) {
            throw new ResourceConflictException("the bundled dataset '" + id + "' cannot be deleted");
        }
        info(id);
        if (inUse.test(id)) {
            throw new ResourceConflictException("dataset '" + id + "' is used by a queued or running training job");
        }
        loaded.remove(id);
        DataDirectory.deleteRecursively(dir.resolve(AREA, id));
    }

    private TrafficDataset read(String id) {
        if (BundledDatasets.LOS_LOOP.equals(id)) {
            return BundledDatasets.losLoop();
        }
        Path base = dir.resolve(AREA, id);
        DatasetInfo info = dir.readJson(base.resolve(INFO), DatasetInfo.class);
        try {
            return parse(info, Files.readAllBytes(base.resolve(info.seriesFile())),
                    info.hasLocations() ? Files.readAllBytes(base.resolve(LOCATIONS)) : null,
                    info.hasRoadGraph() ? Files.readAllBytes(base.resolve(ROAD_GRAPH)) : null, info.seriesFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + id, e);
        }
    }

    /** Parses the files as {@code info} describes them (an upload, or one stored before). */
    private static TrafficDataset parse(DatasetInfo info, byte[] series, byte[] locations, byte[] roadGraph, String name) {
        if (series == null || series.length == 0) {
            throw new DatasetFormatException(name, 0, "the series file is empty");
        }
        String description = info.description();
        TrafficSeries s = info.seriesFile().endsWith(".npz")
                ? NpzSeriesReader.read(name, in(series), info.channel())
                : CsvSeriesReader.read(name, in(series), info.header());
        ChronologicalSplit.of(s.steps()).requireWindows(name, NetworkShape.LAG, NetworkShape.HORIZON);
        List<SensorLocation> loc = locations == null ? List.of() : SensorLocationReader.read("locations", in(locations), s.sensorIds());
        List<RoadEdge> graph = roadGraph == null ? List.of() : RoadGraphReader.read("roadGraph", in(roadGraph), s.sensorIds());
        return new TrafficDataset(info.id(), description == null ? "" : description, s, loc, graph, info.stepMinutes());
    }

    private static String displayName(Upload upload) {
        return upload.seriesFileName() == null || upload.seriesFileName().isBlank() ? "series" : upload.seriesFileName();
    }

    private static InputStream in(byte[] bytes) {
        return new java.io.ByteArrayInputStream(bytes);
    }

    private static DatasetInfo bundledInfo() {
        return new DatasetInfo(BundledDatasets.LOS_LOOP,
                "Los-loop: 207 METR-LA loop detectors (Los Angeles), speed in mph, 5-minute steps, March 2012 (T-GCN, MIT)",
                "los_speed.csv", 0, true, true, Instant.parse("2012-03-01T00:00:00Z"), true, CsvHeader.AUTO,
                TrafficDataset.DEFAULT_STEP_MINUTES);
    }
}
