package io.prunegcrn.dataset;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads sensor coordinates: a header with {@code sensor_id,latitude,longitude} (other columns, such as
 * METR-LA's leading {@code index}, are ignored). Every sensor of the series must appear exactly once.
 */
final class SensorLocationReader {

    private SensorLocationReader() {
    }

    /** @return one location per sensor, in the series' sensor order */
    public static List<SensorLocation> read(String file, InputStream in, List<String> sensorIds) {
        List<CsvTable.Row> rows = CsvTable.read(file, in);
        if (rows.isEmpty()) {
            throw new DatasetFormatException(file, 0, "the file is empty; expected a header sensor_id,latitude,longitude");
        }
        List<String> header = Arrays.stream(rows.get(0).cells()).map(String::toLowerCase).toList();
        int id = header.indexOf("sensor_id");
        int lat = header.indexOf("latitude");
        int lon = header.indexOf("longitude");
        if (id < 0 || lat < 0 || lon < 0) {
            throw new DatasetFormatException(file, rows.get(0).line(), "the header must name sensor_id, latitude and longitude, got " + header);
        }
        Map<String, SensorLocation> byId = new HashMap<>();
        for (CsvTable.Row row : rows.subList(1, rows.size())) {
            if (row.cells().length != header.size()) {
                throw new DatasetFormatException(file, row.line(), "has " + row.cells().length + " columns, the header has " + header.size());
            }
            String sensor = row.cells()[id];
            double la = CsvTable.number(file, row, lat, "latitude");
            double lo = CsvTable.number(file, row, lon, "longitude");
            if (Math.abs(la) > 90 || Math.abs(lo) > 180) {
                throw new DatasetFormatException(file, row.line(), "coordinates out of range: " + la + ", " + lo);
            }
            if (!sensorIds.contains(sensor)) {
                throw new DatasetFormatException(file, row.line(), "sensor id '" + CsvTable.abbreviate(sensor) + "' is not in the series");
            }
            if (byId.put(sensor, new SensorLocation(sensor, la, lo)) != null) {
                throw new DatasetFormatException(file, row.line(), "sensor id '" + CsvTable.abbreviate(sensor) + "' appears twice");
            }
        }
        List<SensorLocation> ordered = new ArrayList<>();
        for (String sensor : sensorIds) {
            SensorLocation location = byId.get(sensor);
            if (location == null) {
                throw new DatasetFormatException(file, 0, "no coordinates for sensor '" + CsvTable.abbreviate(sensor) + "'");
            }
            ordered.add(location);
        }
        return ordered;
    }
}
