package io.prunegcrn.training;

import java.util.Map;
import java.util.function.Function;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.linear.LinearForecaster;
import io.prunegcrn.linear.RidgeRegression;

/**
 * The linear highway of a pruned network (LSTNet's autoregressive component, fitted rather than trained): a
 * {@link LinearForecaster} from the kept sensors' window to what the network leaves, added to the network's
 * forecast. It is refitted by ridge, in closed form, on the network's residuals at the start of every epoch with a
 * frozen mask (backfitting), and the network trains on the targets minus the highway's forecast, so the graph and
 * its objective stay MODEL.md's: the loss is still the MAE of the model's whole forecast.
 */
final class LinearHighway {

    private final SlidingWindows windows;
    private final ChronologicalSplit split;
    private final double std;
    private LinearForecaster map;

    LinearHighway(SlidingWindows windows, ChronologicalSplit split, double std) {
        this.windows = windows;
        this.split = split;
        this.std = std;
    }

    boolean fitted() {
        return map != null;
    }

    LinearForecaster map() {
        return map;
    }

    /**
     * Refits on the residual of {@code network}, which forecasts a batch of windows {@code x[N, lag, B, 1]} as
     * {@code [N, B, horizon]}; {@code kept} are the sensors the frozen mask reads.
     */
    void refit(int[] kept, Function<INDArray, INDArray> network) {
        INDArray trainBase = forecastRows(windows.within(0, split.trainEnd()), network);
        INDArray valBase = forecastRows(windows.within(split.trainEnd(), split.validationEnd()), network);
        map = RidgeRegression.fit(windows, split, std, kept, trainBase, valBase).forecaster();
    }

    /** The batch with each target replaced by what the highway leaves of it: y − highway(x). */
    SlidingWindows.Batch residual(SlidingWindows.Batch batch) {
        if (map == null) {
            return batch;
        }
        INDArray h = forecast(batch.x(), batch.size());
        return new SlidingWindows.Batch(batch.x(), batch.y().sub(h), batch.size());
    }

    /** The highway's forecast {@code [N, B, horizon]} of a batch, or null before the first fit. */
    INDArray forecast(INDArray x, int batch) {
        if (map == null) {
            return null;
        }
        float[] f = map.forecastNormalized(x.data().asFloat(), batch);
        return Nd4j.create(f, new long[] {map.nodes(), batch, map.horizon()}, 'c');
    }

    /** The network's forecasts of these windows, one row per window in the targets' layout (n·horizon + h). */
    private INDArray forecastRows(int[] steps, Function<INDArray, INDArray> network) {
        int nodes = windows.nodes();
        int horizon = windows.horizon();
        float[] rows = new float[steps.length * nodes * horizon];
        int done = 0;
        for (SlidingWindows.Batch b : windows.batches(steps, 128)) {
            float[] f = network.apply(b.x()).data().asFloat(); // N, B, horizon
            for (int n = 0; n < nodes; n++) {
                for (int w = 0; w < b.size(); w++) {
                    System.arraycopy(f, (n * b.size() + w) * horizon, rows, ((done + w) * nodes + n) * horizon, horizon);
                }
            }
            done += b.size();
        }
        return Nd4j.create(rows, new long[] {steps.length, (long) nodes * horizon}, 'c');
    }

    /** The highway as named arrays ({@link LinearForecaster#toArrays}), to travel with the parameters; none before the first fit. */
    void exportTo(Map<String, INDArray> arrays) {
        if (map != null) {
            arrays.putAll(map.toArrays());
        }
    }

    /** Restores the highway from named arrays (no highway if they hold none). */
    void importFrom(Map<String, INDArray> arrays) {
        map = LinearForecaster.fromArrays(arrays, windows.nodes(), windows.lag(), windows.horizon());
    }
}
