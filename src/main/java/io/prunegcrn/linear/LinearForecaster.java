package io.prunegcrn.linear;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MODEL.md's yardstick forecaster, fitted by {@link RidgeRegression}: a linear map from the kept sensors' last
 * {@code lag} readings to every sensor's next {@code horizon} readings, plus an intercept, in z-scored units. It
 * reads the network's input layout and writes its output layout, so the two serve through the same code.
 */
public final class LinearForecaster {

    /** Every array name {@link #toArrays} uses starts with this (they travel beside a network's parameters). */
    public static final String PREFIX = "linear_";
    private static final String WEIGHTS = PREFIX + "weights";
    private static final String INTERCEPT = PREFIX + "intercept";
    private static final String KEPT = PREFIX + "kept";
    private static final String LAMBDA = PREFIX + "lambda";

    private final int nodes;
    private final int lag;
    private final int horizon;
    private final int[] kept;
    private final double lambda;
    /** (k·lag) × (N·horizon), row-major; row {@code j·lag + t} belongs to kept sensor j at input step t. */
    private final float[] weights;
    /** N·horizon, index {@code n·horizon + h}. */
    private final float[] intercept;

    public LinearForecaster(int nodes, int lag, int horizon, int[] kept, double lambda, float[] weights, float[] intercept) {
        if (weights.length != kept.length * lag * nodes * horizon || intercept.length != nodes * horizon) {
            throw new IllegalArgumentException("weights hold " + weights.length + " values and the intercept " + intercept.length
                    + ", expected " + kept.length * lag + " × " + nodes * horizon + " and " + nodes * horizon);
        }
        this.nodes = nodes;
        this.lag = lag;
        this.horizon = horizon;
        this.kept = kept.clone();
        this.lambda = lambda;
        this.weights = weights;
        this.intercept = intercept;
    }

    /**
     * Forecasts a batch of normalised windows.
     *
     * @param x windows as the graph takes them, {@code [N, lag, B]} flattened; only the kept sensors are read
     * @return the normalised forecast {@code [N, B, horizon]}, flattened
     */
    public float[] forecastNormalized(float[] x, int batch) {
        int q = nodes * horizon;
        float[] out = new float[nodes * batch * horizon];
        float[] row = new float[q];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(intercept, 0, row, 0, q);
            for (int j = 0; j < kept.length; j++) {
                for (int t = 0; t < lag; t++) {
                    float v = x[(kept[j] * lag + t) * batch + b];
                    int w = (j * lag + t) * q;
                    for (int o = 0; o < q; o++) {
                        row[o] += v * weights[w + o];
                    }
                }
            }
            for (int n = 0; n < nodes; n++) {
                System.arraycopy(row, n * horizon, out, (n * batch + b) * horizon, horizon);
            }
        }
        return out;
    }

    public int nodes() {
        return nodes;
    }

    public int lag() {
        return lag;
    }

    public int horizon() {
        return horizon;
    }

    /** Indices of the sensors it reads, ascending. */
    public int[] kept() {
        return kept.clone();
    }

    /** The ridge penalty it was fitted with. */
    public double lambda() {
        return lambda;
    }

    /** The map as named arrays, for storage and for snapshots beside a network's parameters. */
    public Map<String, INDArray> toArrays() {
        Map<String, INDArray> a = new LinkedHashMap<>();
        a.put(WEIGHTS, Nd4j.create(weights.clone(), new long[] {(long) kept.length * lag, (long) nodes * horizon}, 'c'));
        a.put(INTERCEPT, Nd4j.createFromArray(intercept.clone()));
        a.put(KEPT, Nd4j.createFromArray(kept.clone()));
        a.put(LAMBDA, Nd4j.scalar(lambda));
        return a;
    }

    /** A map read back from {@link #toArrays}'s arrays (others may be present), or null if they hold none. */
    public static LinearForecaster fromArrays(Map<String, INDArray> arrays, int nodes, int lag, int horizon) {
        if (!arrays.containsKey(WEIGHTS)) {
            return null;
        }
        return new LinearForecaster(nodes, lag, horizon, arrays.get(KEPT).toIntVector(), arrays.get(LAMBDA).getDouble(0),
                arrays.get(WEIGHTS).castTo(DataType.FLOAT).data().asFloat(),
                arrays.get(INTERCEPT).castTo(DataType.FLOAT).data().asFloat());
    }
}
