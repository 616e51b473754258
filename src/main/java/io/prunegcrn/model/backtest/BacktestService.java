package io.prunegcrn.model.backtest;

import java.util.List;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.evaluation.MetricsAccumulator;
import io.prunegcrn.model.ComputePool;
import io.prunegcrn.model.ComputePools;
import io.prunegcrn.model.ForecastProperties;
import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.model.TrainedModel;

/** Runs backtests in batches of windows; the default range is the test split, as the model's own test metrics. */
@Service
public class BacktestService {

    /** What a backtest reports while it runs: each window's forecast (optional) and progress after every batch. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void forecast(int step, float[][] forecast) {
        }

        default void progress(int done, int total) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(BacktestService.class);
    /** Ranges of at least this many windows log their progress. */
    private static final int LONG_RANGE = 1000;

    private final ModelRepository models;
    private final DatasetCatalog datasets;
    private final ForecastProperties.Backtest settings;
    private final ComputePool pool;

    BacktestService(ModelRepository models, DatasetCatalog datasets, ForecastProperties properties, ComputePools pools) {
        this.models = models;
        this.datasets = datasets;
        this.settings = properties.backtest();
        this.pool = pools.backtests();
    }

    /**
     * A slot of the bounded pool for backtests: held around {@link #run} (a sweep's backtest holds one for all its
     * models), taken before a streamed answer starts; 429 when the pool and its queue are full.
     */
    public ComputePool.Slot slot() {
        return pool.acquire();
    }

    /** Checks the request against the model's dataset; null arguments take their defaults. */
    public Backtest plan(String modelId, Integer from, Integer to, Integer batchSize) {
        return plan(modelId, from, to, batchSize, SensorFailures.NONE);
    }

    /** As {@link #plan(String, Integer, Integer, Integer)}, with some of the model's retained sensors failing throughout. */
    public Backtest plan(String modelId, Integer from, Integer to, Integer batchSize, SensorFailures failures) {
        ModelMetadata meta = models.metadata(modelId);
        TrafficSeries series = datasets.get(meta.datasetId()).series();
        int lag = meta.shape().lag();
        int horizon = meta.shape().horizon();
        SlidingWindows windows = meta.windows(series);
        int first = windows.firstStep(0);
        int end = windows.endStep(series.steps()); // exclusive: the last window's targets end with the series
        int f = from == null ? windows.firstStep(ChronologicalSplit.of(series.steps()).validationEnd()) : from;
        int t = to == null ? end : to;
        if (f < first || f >= end) {
            throw new IllegalArgumentException("from: must be in [" + first + ", " + (end - 1) + "] for a series of "
                    + series.steps() + " steps (lag " + lag + ", horizon " + horizon + "), got " + f);
        }
        if (t <= f || t > end) {
            throw new IllegalArgumentException("to: must be in [" + (f + 1) + ", " + end + "] (exclusive end, after from), got " + t);
        }
        int b = batchSize == null ? settings.batchSize() : batchSize;
        if (b < 1 || b > settings.maxBatchSize()) {
            throw new IllegalArgumentException("batchSize: must be in [1, " + settings.maxBatchSize()
                    + "] (prunegcrn.forecast.backtest.max-batch-size), got " + b);
        }
        List<String> failed = failures.of(meta);
        TrainedModel model = models.model(modelId);
        return new Backtest(failed.isEmpty() ? model : model.withSensors(SensorFailures.reading(model.sensors(), meta.sensorIds(), failed)),
                series, f, t, b, failed);
    }

    public BacktestResult run(Backtest backtest, Listener listener) {
        return run(backtest, listener, backtest.errors());
    }

    /** A backtest's result and each sensor's error over it, the sensors marked as the backtest's model reads them. */
    public record PerSensor(BacktestResult result, List<SensorError> sensors) {
    }

    /** As {@link #run(Backtest, Listener)}, with each sensor's error from the same sums. */
    public PerSensor runPerSensor(Backtest backtest) {
        MetricsAccumulator errors = backtest.errors();
        BacktestResult result = run(backtest, Listener.NONE, errors);
        return new PerSensor(result, SensorError.of(errors, backtest.series().sensorIds(), backtest.model().sensors()));
    }

    private BacktestResult run(Backtest backtest, Listener listener, MetricsAccumulator errors) {
        TrainedModel model = backtest.model();
        SlidingWindows windows = model.metadata().windows(backtest.series());
        int[] steps = IntStream.range(backtest.from(), backtest.to()).toArray();
        int done = 0;
        long started = System.nanoTime();
        for (SlidingWindows.Batch batch : windows.batches(steps, backtest.batchSize())) {
            List<float[][]> forecasts;
            try (batch) {
                forecasts = model.forecast(batch.x());
            }
            for (int b = 0; b < batch.size(); b++) {
                int step = steps[done + b];
                float[][] f = forecasts.get(b);
                float[][] actual = windows.targets(step);
                for (int h = 0; h < f.length; h++) {
                    for (int i = 0; i < f[h].length; i++) {
                        errors.add(h, i, f[h][i], actual[h][i]);
                    }
                }
                listener.forecast(step, f);
            }
            done += batch.size();
            listener.progress(done, backtest.windows());
            if (backtest.windows() >= LONG_RANGE) {
                log.info("backtest of {}: {} of {} windows", model.id(), done, backtest.windows());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new BacktestResult(model.id(), model.metadata().datasetId(), backtest.from(), backtest.to(), backtest.windows(),
                backtest.batchSize(), seconds, backtest.windows() / seconds, errors.result(), model.metadata().stepMinutes(),
                io.prunegcrn.training.SensorMask.keptCount(model.sensors()), backtest.failed());
    }
}
