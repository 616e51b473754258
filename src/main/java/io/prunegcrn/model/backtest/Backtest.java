package io.prunegcrn.model.backtest;

import java.util.List;

import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.evaluation.MetricsAccumulator;
import io.prunegcrn.model.TrainedModel;

/**
 * A validated backtest: forecasts from every step t in [from, to) of the model's dataset, each from the readings of
 * [t − lag, t) and compared with those of [t, t + horizon).
 *
 * @param model  the model as it reads for this backtest (its own sensors, or fewer when some fail)
 * @param failed the model's retained sensors that fail for the whole range (read as switched off); empty for none
 */
public record Backtest(TrainedModel model, TrafficSeries series, int from, int to, int batchSize, List<String> failed) {

    public int windows() {
        return to - from;
    }

    /** An empty sum of this backtest's errors, per horizon and per sensor. */
    MetricsAccumulator errors() {
        return new MetricsAccumulator(model.metadata().shape().horizon(), series.nodes());
    }

    /** The same range with the model reading exactly the sensors of {@code mask} (a what-if set). */
    public Backtest reading(float[] mask) {
        return new Backtest(model.withSensors(mask), series, from, to, batchSize, failed);
    }
}
