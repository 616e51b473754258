package io.prunegcrn.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.training.SensorMask;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingOutcome;

/**
 * Everything known about a trained model besides its graph and weights (stored as {@code model.json}, one flat object:
 * the scale and the outcome are unwrapped into it).
 *
 * @param scale       the z-score of the training part (data units): {@code mean}, {@code std}
 * @param outcome     what the run produced: mask, budget, best epoch, curve, test metrics
 * @param stepMinutes minutes between two readings of the dataset it was trained on (kept here, so that its horizons
 *                    read right after the dataset is gone; null in models from before it was recorded: 5)
 */
public record ModelMetadata(String id, String datasetId, Instant createdAt, List<String> sensorIds, NetworkShape shape,
        TrainingConfig config, @JsonUnwrapped ZScore scale, @JsonUnwrapped TrainingOutcome outcome, Integer stepMinutes) {

    public ModelMetadata {
        stepMinutes = stepMinutes == null ? TrafficDataset.DEFAULT_STEP_MINUTES : stepMinutes;
    }

    /** The sensors this model reads (what most readers of a model ask first). */
    public SensorMask sensorMask() {
        return outcome.sensorMask();
    }

    public int sensorsKept() {
        return outcome.sensorsKept();
    }

    /** The windows of a series as this model reads them: its lag, horizon and z-score. */
    public SlidingWindows windows(TrafficSeries series) {
        return new SlidingWindows(series, scale, shape.lag(), shape.horizon());
    }
}
