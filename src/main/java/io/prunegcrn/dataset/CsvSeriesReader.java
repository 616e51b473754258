package io.prunegcrn.dataset;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads a series CSV: one row of readings per time step, after a header row of sensor ids. Whether the first row is
 * that header is {@link CsvHeader}: with {@code auto}, a first row that holds readings (numbers, one at least with a
 * fraction) is no header, as in the T-GCN files, and its sensors are named by column index, 0, 1, 2, … A file of whole
 * numbers without a header (counts) needs {@code false}: {@code auto} takes its first row for sensor ids.
 */
public final class CsvSeriesReader {

    private CsvSeriesReader() {
    }

    public static TrafficSeries read(String file, InputStream in) {
        return read(file, in, CsvHeader.AUTO);
    }

    public static TrafficSeries read(String file, InputStream in, CsvHeader headerRow) {
        List<CsvTable.Row> rows = CsvTable.read(file, in);
        if (rows.isEmpty()) {
            throw new DatasetFormatException(file, 0, "the file is empty; expected " + (headerRow == CsvHeader.FALSE
                    ? "rows of readings" : "a header row of sensor ids"));
        }
        CsvTable.Row header = rows.get(0);
        boolean headerless = switch (headerRow) {
            case AUTO -> CsvTable.looksLikeReadings(header);
            case TRUE -> false;
            case FALSE -> true;
        };
        List<String> ids = headerless
                ? IntStream.range(0, header.cells().length).mapToObj(Integer::toString).toList()
                : Arrays.asList(header.cells());
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id.isEmpty()) {
                throw new DatasetFormatException(file, header.line(), "the header has an empty sensor id");
            }
            if (!seen.add(id)) {
                // whole-number counts without a header look like ids to auto; say how to load them
                String hint = headerRow == CsvHeader.AUTO && CsvTable.allNumbers(header)
                        ? "; if the first row holds readings (a file without a header row), load it with header=false" : "";
                throw new DatasetFormatException(file, header.line(), "sensor id '" + CsvTable.abbreviate(id)
                        + "' appears twice in the header" + hint);
            }
        }
        if (ids.size() < 2) {
            throw new DatasetFormatException(file, header.line(), "the header names " + ids.size() + " sensor; at least 2 are needed");
        }
        int n = ids.size();
        int first = headerless ? 0 : 1;
        int steps = rows.size() - first;
        float[] values = new float[steps * n];
        for (int t = 0; t < steps; t++) {
            CsvTable.Row row = rows.get(t + first);
            if (row.cells().length != n) {
                throw new DatasetFormatException(file, row.line(), "has " + row.cells().length + " values, "
                        + (headerless ? "the first row has " + n : "the header names " + n + " sensors"));
            }
            for (int i = 0; i < n; i++) {
                values[t * n + i] = (float) CsvTable.number(file, row, i, "reading");
            }
        }
        return new TrafficSeries(values, steps, ids);
    }
}
