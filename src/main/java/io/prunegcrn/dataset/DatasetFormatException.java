package io.prunegcrn.dataset;

/** A data file that cannot be used, with the file, the line (1-based, 0 when not about one line) and why. */
public class DatasetFormatException extends RuntimeException {

    private final String file;
    private final int line;

    public DatasetFormatException(String file, int line, String reason) {
        super(file + (line > 0 ? " line " + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
