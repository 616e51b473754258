package io.prunegcrn.training;

import java.util.Map;
import java.util.function.Function;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.evaluation.MetricsAccumulator;
import io.prunegcrn.network.PruneGcrnGraph;
import io.prunegcrn.network.runtime.StaticGraphRunner;

/** Validation MAE and test metrics of the graph being trained, with the mask as {@link MaskState} reads it now. */
final class ForecastEvaluation {

    private static final int BATCH = 128;

    private final StaticGraphRunner runner;
    private final SlidingWindows windows;
    private final ChronologicalSplit split;
    private final ZScore scale;
    private final MaskState mask;
    private final LinearHighway highway;

    /** @param highway the pruned network's linear highway, added to its forecasts once fitted; null without one */
    ForecastEvaluation(SameDiff sd, SlidingWindows windows, ChronologicalSplit split, ZScore scale, MaskState mask,
            LinearHighway highway) {
        this.runner = new StaticGraphRunner(sd, PruneGcrnGraph.FORECAST);
        this.windows = windows;
        this.split = split;
        this.scale = scale;
        this.mask = mask;
        this.highway = highway;
    }

    /** Mean absolute error over the validation windows, in data units. */
    double validationMae() {
        double sum = 0;
        long count = 0;
        for (SlidingWindows.Batch batch : windows.batches(windows.within(split.trainEnd(), split.validationEnd()), BATCH)) {
            INDArray forecast = forecast(batch.x());
            sum += Transforms.abs(forecast.sub(batch.y()), false).sumNumber().doubleValue();
            count += forecast.length();
        }
        return sum / count * scale.std();
    }

    /** MAE, RMSE and MAPE per horizon over the test windows. */
    ForecastMetrics test() {
        return test(windows, split, scale, batch -> forecast(batch.x()).ravel().toFloatVector());
    }

    /**
     * MAE, RMSE and MAPE per horizon over the test windows of any forecaster of normalised batches, which returns
     * {@code [N, B, horizon]} flattened.
     */
    static ForecastMetrics test(SlidingWindows windows, ChronologicalSplit split, ZScore scale,
            Function<SlidingWindows.Batch, float[]> forecaster) {
        int horizon = windows.horizon();
        MetricsAccumulator acc = new MetricsAccumulator(horizon, windows.nodes());
        for (SlidingWindows.Batch batch : windows.batches(windows.within(split.validationEnd(), split.steps()), BATCH)) {
            float[] f = forecaster.apply(batch);
            float[] y = batch.y().ravel().toFloatVector();
            int perSensor = batch.size() * horizon;
            for (int i = 0; i < f.length; i++) {
                acc.add(i % horizon, i / perSensor, scale.denormalize(f[i]), scale.denormalize(y[i]));
            }
        }
        return acc.result();
    }

    /** The model's forecast for a batch: the network's plus the highway's; the array may be overwritten by the next call. */
    private INDArray forecast(INDArray x) {
        INDArray network = networkForecast(x);
        INDArray h = highway == null ? null : highway.forecast(x, (int) x.size(2));
        return h == null ? network : network.add(h);
    }

    /** The network's own forecast for a batch; the array is the runner's and is overwritten by the next call. */
    INDArray networkForecast(INDArray x) {
        INDArray offset = mask.evaluationOffset((int) x.size(2));
        Map<String, INDArray> feeds = offset == null ? Map.of(PruneGcrnGraph.X, x)
                : Map.of(PruneGcrnGraph.X, x, PruneGcrnGraph.MASK_OFFSET, offset);
        return runner.run(feeds).get(PruneGcrnGraph.FORECAST);
    }
}
