package io.prunegcrn.forecast;

import java.time.Instant;
import java.util.List;

import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.model.NetworkShape;
import io.prunegcrn.training.EpochRecord;
import io.prunegcrn.training.SensorMask;
import io.prunegcrn.training.TrainingConfig;

/**
 * Everything known about a trained model besides its graph and weights (stored as {@code model.json}).
 *
 * @param mean,std      the z-score of the training part (data units)
 * @param mask          binary mask per sensor, 1 = kept
 * @param rawMask       raw mask values r per sensor
 * @param budget        ⌈γN⌉
 * @param stepMinutes   minutes between two readings of the dataset it was trained on (kept here, so that its horizons
 *                      read right after the dataset is gone; null in models from before it was recorded: 5)
 */
public record ModelMetadata(String id, String datasetId, Instant createdAt, List<String> sensorIds, NetworkShape shape,
        TrainingConfig config, double mean, double std, float[] mask, float[] rawMask, int budget, int bestEpoch,
        double bestValidationMae, List<EpochRecord> curve, ForecastMetrics test, double trainingSeconds, Integer stepMinutes) {

    public ModelMetadata {
        stepMinutes = stepMinutes == null ? TrafficDataset.DEFAULT_STEP_MINUTES : stepMinutes;
    }

    public SensorMask sensorMask() {
        return new SensorMask(mask, rawMask);
    }

    public int sensorsKept() {
        return sensorMask().keptCount();
    }

    /** The windows of a series as this model reads them: its lag, horizon and z-score. */
    public SlidingWindows windows(TrafficSeries series) {
        return new SlidingWindows(series, new ZScore(mean, std), shape.lag(), shape.horizon());
    }
}
