package io.prunegcrn.dataset;

import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one owner of which windows a series has and how one is cut, for training, evaluation, backtests and forecasts.
 * A window is named by the step it forecasts first, {@code t}: it reads the {@code lag} steps [t − lag, t) and forecasts
 * the {@code horizon} steps [t, t + horizon). Batches are normalised and node-major for the graph:
 * {@code x[N, lag, B, 1]}, {@code y[N, B, horizon]}; single windows for a model's own API are in data units.
 */
public final class SlidingWindows {

    /** A batch of windows, normalised; closing it frees the arrays' native memory at once. */
    public record Batch(INDArray x, INDArray y, int size) implements AutoCloseable {
        @Override
        public void close() {
            x.close();
            y.close();
        }
    }

    private final TrafficSeries series;
    private final ZScore scale;
    private final int nodes;
    private final int lag;
    private final int horizon;

    public SlidingWindows(TrafficSeries series, ZScore scale, int lag, int horizon) {
        this.series = series;
        this.scale = scale;
        this.nodes = series.nodes();
        this.lag = lag;
        this.horizon = horizon;
    }

    /** The first step that a window reading from step {@code from} on forecasts. */
    public int firstStep(int from) {
        return from + lag;
    }

    /** One past the last step that a window whose targets end before step {@code to} (exclusive) forecasts. */
    public int endStep(int to) {
        return to - horizon + 1;
    }

    /** The steps t of every window that lies wholly in steps [from, to), in order. */
    public int[] within(int from, int to) {
        return IntStream.range(firstStep(from), endStep(to)).toArray();
    }

    /** The normalised reading of one sensor at one step. */
    public float normalized(int step, int node) {
        return scale.normalize(series.get(step, node));
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

    /** The windows forecasting from {@code steps[offset .. offset+count)}. */
    public Batch batch(int[] steps, int offset, int count) {
        float[] x = new float[nodes * lag * count];
        float[] y = new float[nodes * count * horizon];
        for (int b = 0; b < count; b++) {
            int first = steps[offset + b];
            for (int t = 0; t < lag; t++) {
                for (int n = 0; n < nodes; n++) {
                    x[(n * lag + t) * count + b] = normalized(first - lag + t, n);
                }
            }
            for (int h = 0; h < horizon; h++) {
                for (int n = 0; n < nodes; n++) {
                    y[(n * count + b) * horizon + h] = normalized(first + h, n);
                }
            }
        }
        return new Batch(Nd4j.create(x, new long[] {nodes, lag, count, 1}, DataType.FLOAT),
                Nd4j.create(y, new long[] {nodes, count, horizon}, DataType.FLOAT), count);
    }

    /** The windows forecasting from {@code steps}, in order, in batches of at most {@code size}, each cut when reached. */
    public Iterable<Batch> batches(int[] steps, int size) {
        return () -> IntStream.iterate(0, offset -> offset < steps.length, offset -> offset + size)
                .mapToObj(offset -> batch(steps, offset, Math.min(size, steps.length - offset))).iterator();
    }

    /** The input of the window forecasting from step {@code t}, in data units: [lag][N] (step, sensor). */
    public float[][] input(int t) {
        return readings(t - lag, lag);
    }

    /** The targets of the window forecasting from step {@code t}, in data units: [horizon][N] (step, sensor). */
    public float[][] targets(int t) {
        return readings(t, horizon);
    }

    private float[][] readings(int from, int count) {
        float[][] r = new float[count][nodes];
        for (int s = 0; s < count; s++) {
            for (int n = 0; n < nodes; n++) {
                r[s][n] = series.get(from + s, n);
            }
        }
        return r;
    }
}
