package io.prunegcrn.dataset;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a series CSV: a header row of sensor ids, then one row of readings per time step. */
public final class CsvSeriesReader {

    private CsvSeriesReader() {
    }

    public static TrafficSeries read(String file, InputStream in) {
        List<CsvTable.Row> rows = CsvTable.read(in);
        if (rows.isEmpty()) {
            throw new DatasetFormatException(file, 0, "the file is empty; expected a header row of sensor ids");
        }
        CsvTable.Row header = rows.get(0);
        List<String> ids = Arrays.asList(header.cells());
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id.isEmpty()) {
                throw new DatasetFormatException(file, header.line(), "the header has an empty sensor id");
            }
            if (!seen.add(id)) {
                throw new DatasetFormatException(file, header.line(), "sensor id '" + CsvTable.abbreviate(id) + "' appears twice in the header");
            }
        }
        if (ids.size() < 2) {
            throw new DatasetFormatException(file, header.line(), "the header names " + ids.size() + " sensor; at least 2 are needed");
        }
        int n = ids.size();
        int steps = rows.size() - 1;
        float[] values = new float[steps * n];
        for (int t = 0; t < steps; t++) {
            CsvTable.Row row = rows.get(t + 1);
            if (row.cells().length != n) {
                throw new DatasetFormatException(file, row.line(), "has " + row.cells().length + " values, the header names " + n + " sensors");
            }
            for (int i = 0; i < n; i++) {
                values[t * n + i] = (float) CsvTable.number(file, row, i, "reading");
            }
        }
        return new TrafficSeries(values, steps, ids);
    }
}
