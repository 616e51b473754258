package io.prunegcrn.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a small CSV file with Apache Commons CSV (quoted cells, byte-order mark), keeping line numbers for errors. */
final class CsvTable {

    record Row(int line, String[] cells) {
    }

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true).setTrim(true).get();

    private CsvTable() {
    }

    /** Non-blank rows, cells trimmed; a UTF-8 byte-order mark is ignored. */
    static List<Row> read(String file, InputStream in) {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int[] lineStarts = lineStarts(text);
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            for (CSVRecord record : parser) {
                String[] cells = record.values();
                if (cells.length == 1 && cells[0].isEmpty()) {
                    continue; // a line of blanks
                }
                rows.add(new Row(lineOf(lineStarts, firstVisible(text, record.getCharacterPosition())), cells));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new DatasetFormatException(file, 0, "not a valid CSV file: " + abbreviate(String.valueOf(e.getMessage())));
        }
        return rows;
    }

    /**
     * True when the row reads as measurements rather than sensor ids: every cell a number and at least one with a
     * fraction (METR-LA's and PeMS's sensor ids are whole numbers; speeds are not).
     */
    static boolean looksLikeReadings(Row row) {
        boolean fraction = false;
        for (String cell : row.cells()) {
            try {
                Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                return false;
            }
            fraction |= cell.indexOf('.') >= 0 || cell.indexOf('e') >= 0 || cell.indexOf('E') >= 0;
        }
        return fraction;
    }

    /** True when every cell of the row is a number. */
    static boolean allNumbers(Row row) {
        for (String cell : row.cells()) {
            try {
                Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
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

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1; // line 1 starts at 0
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** A record's position counts the blank lines skipped before it: move past them. */
    private static long firstVisible(String text, long position) {
        int i = (int) position;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The 1-based line that holds a character offset. */
    private static int lineOf(int[] lineStarts, long offset) {
        int i = Arrays.binarySearch(lineStarts, (int) offset);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
