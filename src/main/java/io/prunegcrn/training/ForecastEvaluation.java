package io.prunegcrn.training;

import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.evaluation.MetricsAccumulator;
import io.prunegcrn.model.PruneGcrnGraph;
import io.prunegcrn.model.runtime.StaticGraphRunner;

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
        int[] val = windows.starts(split.trainEnd(), split.validationEnd());
        double sum = 0;
        long count = 0;
        for (int from = 0; from < val.length; from += BATCH) {
            SlidingWindows.Batch batch = windows.batch(val, from, Math.min(BATCH, val.length - from));
            INDArray forecast = forecast(batch.x());
            sum += Transforms.abs(forecast.sub(batch.y()), false).sumNumber().doubleValue();
            count += forecast.length();
        }
        return sum / count * scale.std();
    }

    /** MAE, RMSE and MAPE per horizon over the test windows. */
    ForecastMetrics test() {
        int[] starts = windows.starts(split.validationEnd(), split.steps());
        int horizon = windows.horizon();
        MetricsAccumulator acc = new MetricsAccumulator(horizon);
        for (int from = 0; from < starts.length; from += BATCH) {
            SlidingWindows.Batch batch = windows.batch(starts, from, Math.min(BATCH, starts.length - from));
            float[] f = forecast(batch.x()).ravel().toFloatVector();
            float[] y = batch.y().ravel().toFloatVector();
            for (int i = 0; i < f.length; i++) {
                acc.add(i % horizon, scale.denormalize(f[i]), scale.denormalize(y[i]));
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
