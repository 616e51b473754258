package io.prunegcrn.dataset;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a road graph, either as an edge list with header {@code from,to,cost} (PeMS {@code distance.csv};
 * endpoints are sensor ids of the series, or 0-based indices when the ids are not found) or as an N×N
 * weighted adjacency matrix without header (Los-loop's {@code los_adj.csv}; off-diagonal non-zeros become
 * edges).
 */
final class RoadGraphReader {

    private RoadGraphReader() {
    }

    public static List<RoadEdge> read(String file, InputStream in, List<String> sensorIds) {
        List<CsvTable.Row> rows = CsvTable.read(file, in);
        if (rows.isEmpty()) {
            throw new DatasetFormatException(file, 0, "the file is empty; expected from,to,cost or an adjacency matrix");
        }
        String[] first = rows.get(0).cells();
        if (first.length >= 3 && first[0].equalsIgnoreCase("from") && first[1].equalsIgnoreCase("to")) {
            return edgeList(file, rows, sensorIds);
        }
        return adjacencyMatrix(file, rows, sensorIds.size());
    }

    private static List<RoadEdge> edgeList(String file, List<CsvTable.Row> rows, List<String> ids) {
        List<RoadEdge> edges = new ArrayList<>();
        for (CsvTable.Row row : rows.subList(1, rows.size())) {
            if (row.cells().length != rows.get(0).cells().length) {
                throw new DatasetFormatException(file, row.line(), "has " + row.cells().length + " columns, the header has " + rows.get(0).cells().length);
            }
            int from = endpoint(file, row, 0, ids);
            int to = endpoint(file, row, 1, ids);
            double cost = CsvTable.number(file, row, 2, "cost");
            edges.add(new RoadEdge(from, to, cost));
        }
        return edges;
    }

    private static int endpoint(String file, CsvTable.Row row, int column, List<String> ids) {
        String cell = row.cells()[column];
        int byId = ids.indexOf(cell);
        if (byId >= 0) {
            return byId;
        }
        try {
            int index = Integer.parseInt(cell);
            if (index >= 0 && index < ids.size()) {
                return index;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new DatasetFormatException(file, row.line(), "'" + CsvTable.abbreviate(cell) + "' in column " + (column + 1)
                + " is neither a sensor id of the series nor an index below " + ids.size());
    }

    private static List<RoadEdge> adjacencyMatrix(String file, List<CsvTable.Row> rows, int n) {
        if (rows.size() != n) {
            throw new DatasetFormatException(file, 0, "an adjacency matrix needs " + n + " rows (one per sensor), got " + rows.size());
        }
        List<RoadEdge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CsvTable.Row row = rows.get(i);
            if (row.cells().length != n) {
                throw new DatasetFormatException(file, row.line(), "has " + row.cells().length + " values, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                double w = CsvTable.number(file, row, j, "weight");
                if (i != j && w != 0) {
                    edges.add(new RoadEdge(i, j, w));
                }
            }
        }
        return edges;
    }
}
