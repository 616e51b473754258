package io.prunegcrn.dataset;

import java.util.Locale;

/**
 * Whether a series CSV starts with a header row of sensor ids: {@code auto} (a first row of numbers with a fraction is
 * readings, anything else a header), {@code true}, or {@code false} (every row is readings; sensors are named 0, 1, 2,
 * … by column, as in files of whole-number counts without a header).
 */
public enum CsvHeader {
    AUTO, TRUE, FALSE;

    /** Parses {@code auto}, {@code true} or {@code false} (any case); null is {@code auto}. */
    public static CsvHeader of(String field, String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": must be auto, true or false, got '" + value + "'");
        }
    }
}
