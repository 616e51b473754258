package io.prunegcrn.backtest;

import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.forecast.TrainedModel;

/**
 * A validated backtest: forecasts from every step t in [from, to) of the model's dataset, each from the readings of
 * [t − lag, t) and compared with those of [t, t + horizon).
 */
public record Backtest(TrainedModel model, TrafficSeries series, int from, int to, int batchSize) {

    public int windows() {
        return to - from;
    }
}
