package io.prunegcrn.network.runtime;

import java.io.PrintStream;

/**
 * ND4J's {@code SameDiff.createGradFunction} prints one "Added differentiated op …" line per op to standard output
 * (hundreds per graph), not to a logger that could be turned down. This filter, installed once for the process,
 * drops exactly those lines and passes everything else through.
 */
public final class GradientLogFilter extends PrintStream {

    private static final String NOISE = "Added differentiated op ";

    private GradientLogFilter(PrintStream out) {
        super(out, true);
    }

    /** Idempotent: wraps {@code System.out} at most once. */
    public static synchronized void install() {
        if (!(System.out instanceof GradientLogFilter)) {
            System.setOut(new GradientLogFilter(System.out));
        }
    }

    @Override
    public void println(String line) {
        if (line == null || !line.startsWith(NOISE)) {
            super.println(line);
        }
    }
}
