package io.prunegcrn.linear;

/**
 * MODEL.md's yardstick forecaster, fitted by {@link RidgeRegression}: a linear map from the kept sensors' last
 * {@code lag} readings to every sensor's next {@code horizon} readings, plus an intercept, in z-scored units. It
 * reads the network's input layout and writes its output layout, so the two serve through the same code.
 */
public final class LinearForecaster {

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

    /** The backing arrays (not copied), for storage. */
    float[] weights() {
        return weights;
    }

    float[] intercept() {
        return intercept;
    }
}
