package io.prunegcrn.model.backtest;

import java.util.List;

import io.prunegcrn.evaluation.ForecastMetrics;

/**
 * The error of a model's forecasts over a range of steps, in data units, over all sensors.
 *
 * @param from,to          forecast steps [from, to): each window forecasts steps t .. t + horizon − 1 from the lag before t
 * @param windowsPerSecond windows forecast per second of wall time (the service's cores may be shared)
 * @param stepMinutes      minutes per step: horizon h of the metrics is h × stepMinutes ahead
 * @param sensorsRead      sensors the model read (its retained ones less those that failed)
 * @param failed           retained sensors that failed throughout (simulated), by id
 */
public record BacktestResult(String modelId, String datasetId, int from, int to, int windows, int batchSize, double seconds,
        double windowsPerSecond, ForecastMetrics metrics, int stepMinutes, int sensorsRead, List<String> failed) {
}
