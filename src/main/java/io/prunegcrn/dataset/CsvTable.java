package io.prunegcrn.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a small comma-separated file line by line, keeping line numbers for error messages. */
final class CsvTable {

    record Row(int line, String[] cells) {
    }

    private CsvTable() {
    }

    /** Non-blank lines split on commas, cells trimmed; a UTF-8 byte-order mark is ignored. */
    static List<Row> read(InputStream in) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                String[] cells = text.split(",", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(new Row(line, cells));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static double number(String file, Row row, int column, String what) {
        String cell = row.cells()[column];
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DatasetFormatException(file, row.line(), what + " in column " + (column + 1) + " is not a number: '"
                    + abbreviate(cell) + "'");
        }
        if (!Double.isFinite(v)) {
            throw new DatasetFormatException(file, row.line(), what + " in column " + (column + 1) + " is not finite: '"
                    + abbreviate(cell) + "'");
        }
        return v;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
