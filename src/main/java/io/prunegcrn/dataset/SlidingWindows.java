package io.prunegcrn.dataset;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Windows of {@code lag} normalised steps in and {@code horizon} steps out, assembled node-major for the
 * graph: {@code x[N, lag, B, 1]}, {@code y[N, B, horizon]}.
 */
public final class SlidingWindows {

    /** A batch of windows, normalised. */
    public record Batch(INDArray x, INDArray y, int size) {
    }

    private final float[] normalized;
    private final int nodes;
    private final int steps;
    private final int lag;
    private final int horizon;

    public SlidingWindows(TrafficSeries series, ZScore scale, int lag, int horizon) {
        this.nodes = series.nodes();
        this.steps = series.steps();
        this.lag = lag;
        this.horizon = horizon;
        float[] raw = series.values();
        this.normalized = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            normalized[i] = scale.normalize(raw[i]);
        }
    }

    /** Start steps of every window that lies wholly in [from, to). */
    public int[] starts(int from, int to) {
        int count = Math.max(0, to - from - lag - horizon + 1);
        int[] s = new int[count];
        for (int i = 0; i < count; i++) {
            s[i] = from + i;
        }
        return s;
    }

    /** The normalised reading of one sensor at one step. */
    public float normalized(int step, int node) {
        return normalized[step * nodes + node];
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

    /** The windows starting at {@code starts[offset .. offset+count)}. */
    public Batch batch(int[] starts, int offset, int count) {
        float[] x = new float[nodes * lag * count];
        float[] y = new float[nodes * count * horizon];
        for (int b = 0; b < count; b++) {
            int s = starts[offset + b];
            for (int t = 0; t < lag; t++) {
                int row = (s + t) * nodes;
                for (int n = 0; n < nodes; n++) {
                    x[(n * lag + t) * count + b] = normalized[row + n];
                }
            }
            for (int t = 0; t < horizon; t++) {
                int row = (s + lag + t) * nodes;
                for (int n = 0; n < nodes; n++) {
                    y[(n * count + b) * horizon + t] = normalized[row + n];
                }
            }
        }
        return new Batch(Nd4j.create(x, new long[] {nodes, lag, count, 1}, DataType.FLOAT),
                Nd4j.create(y, new long[] {nodes, count, horizon}, DataType.FLOAT), count);
    }

    /** Only the input part of one window ending just before step {@code end} (exclusive): x[N, lag, 1, 1]. */
    public INDArray inputBefore(int end) {
        if (end < lag || end > steps) {
            throw new IllegalArgumentException("step must be in [" + lag + ", " + steps + "], got " + end);
        }
        float[] x = new float[nodes * lag];
        for (int t = 0; t < lag; t++) {
            int row = (end - lag + t) * nodes;
            for (int n = 0; n < nodes; n++) {
                x[n * lag + t] = normalized[row + n];
            }
        }
        return Nd4j.create(x, new long[] {nodes, lag, 1, 1}, DataType.FLOAT);
    }
}
