package io.prunegcrn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.training.SensorMask;

/**
 * Forecasts from a dataset's own readings, or from readings of the retained sensors that a caller sends.
 * A forecast from a dataset window is a pure function of (model, dataset, step), so recent ones are cached.
 * Concurrent forecasts for the same model run in batches ({@link ForecastBatcher}).
 */
@Service
class ForecastService implements AutoCloseable {

    private static final int CACHE_ENTRIES = 4096;

    private final ModelRepository models;
    private final DatasetCatalog datasets;
    /** Forecasts computed for a request wait here for a slot (429 beyond its queue); cached ones do not. */
    private final ComputePool pool;
    private final Timer latency;
    private final ForecastProperties.Batching batching;
    private final ExecutorService batchThreads;
    private final java.util.concurrent.ScheduledExecutorService idleSweep;
    /** Weak keys: a deleted or replaced model's batcher goes with it. */
    private final Map<TrainedModel, ForecastBatcher> batchers = java.util.Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, Forecast> recent = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Forecast> eldest) {
                    return size() > CACHE_ENTRIES;
                }
            });

    public ForecastService(ModelRepository models, DatasetCatalog datasets, MeterRegistry registry,
            ForecastProperties properties, ComputePools pools) {
        this.models = models;
        this.datasets = datasets;
        this.pool = pools.forecasts();
        this.batching = properties.batching();
        AtomicInteger threads = new AtomicInteger();
        this.batchThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "forecast-batch-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.idleSweep = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "forecast-idle-release");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, properties.releaseAfter().toMillis() / 2);
        idleSweep.scheduleWithFixedDelay(() -> models.releaseIdle(properties.releaseAfter()), every, every,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        this.latency = Timer.builder("prunegcrn.forecast.latency").description("Time to compute one forecast")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /**
     * Forecast from the readings of steps [step − lag, step) of the model's dataset; step defaults to the end
     * of the series (the latest window).
     */
    public Forecast atStep(String modelId, Integer step) {
        ModelMetadata known = models.metadata(modelId);
        String key = modelId + "|" + known.createdAt() + "|" + known.datasetId() + "|"
                + datasets.info(known.datasetId()).createdAt() + "|" + step;
        Forecast cached = recent.get(key);
        if (cached != null) {
            return cached;
        }
        Forecast computed = pool.run(() -> computeAtStep(modelId, step));
        recent.put(key, computed);
        return computed;
    }

    private Forecast computeAtStep(String modelId, Integer step) {
        TrainedModel model = models.model(modelId);
        ModelMetadata meta = model.metadata();
        TrafficSeries series = datasets.get(meta.datasetId()).series();
        int horizon = meta.shape().horizon();
        SlidingWindows windows = meta.windows(series);
        int end = step == null ? series.steps() : step;
        // the window's input must lie in the series; its targets may run past the end (a forecast of the future)
        int first = windows.firstStep(0);
        if (end < first || end > series.steps()) {
            throw new IllegalArgumentException("step must be between " + first + " and " + series.steps() + ", got " + end);
        }
        float[][] predicted = timed(model, windows.input(end));
        float[][] targets = end < windows.endStep(series.steps()) ? windows.targets(end) : null;
        SensorMask mask = meta.sensorMask();
        List<SensorForecast> sensors = new ArrayList<>();
        for (int i = 0; i < series.nodes(); i++) {
            float[] f = new float[horizon];
            float[] actual = targets == null ? null : new float[horizon];
            for (int h = 0; h < horizon; h++) {
                f[h] = predicted[h][i];
                if (actual != null) {
                    actual[h] = targets[h][i];
                }
            }
            sensors.add(new SensorForecast(meta.sensorIds().get(i), mask.isKept(i), f, actual));
        }
        return new Forecast(modelId, meta.datasetId(), end, horizon, meta.stepMinutes(), sensors, List.of());
    }

    /**
     * Forecast for every sensor from the last {@code lag} readings of the retained sensors only, by sensor id:
     * what a deployment that switched the other sensors off can send. A retained sensor whose readings are missing,
     * null, not finite (null or "NaN" in JSON) or fewer than {@code lag} has failed: this forecast reads it as
     * switched off (the same model reading the others) and lists it under {@code degraded}.
     */
    public Forecast fromRetainedReadings(String modelId, Map<String, List<Double>> readings) {
        return pool.run(() -> computeFromRetainedReadings(modelId, readings));
    }

    private Forecast computeFromRetainedReadings(String modelId, Map<String, List<Double>> readings) {
        TrainedModel model = models.model(modelId);
        ModelMetadata meta = model.metadata();
        int lag = meta.shape().lag();
        List<String> ids = meta.sensorIds();
        for (String id : readings.keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("readings: unknown sensor '" + id + "'");
            }
        }
        SensorMask mask = meta.sensorMask();
        float[] reads = model.sensors();
        List<String> degraded = new ArrayList<>();
        float[][] window = new float[lag][ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            List<Double> values = readings.get(ids.get(i));
            if (!mask.isKept(i)) {
                if (values != null) {
                    throw new IllegalArgumentException("readings: sensor '" + ids.get(i) + "' is switched off by this model; send only retained sensors");
                }
            } else if (values != null && values.size() > lag) {
                throw new IllegalArgumentException("readings: sensor '" + ids.get(i) + "' needs " + lag + " values, got " + values.size());
            } else if (complete(values, lag)) {
                for (int t = 0; t < lag; t++) {
                    window[t][i] = values.get(t).floatValue();
                }
                continue;
            } else {
                degraded.add(ids.get(i));
                reads[i] = 0f;
            }
            for (int t = 0; t < lag; t++) {
                window[t][i] = (float) meta.scale().mean(); // not read by the model
            }
        }
        float[][] predicted = degraded.isEmpty() ? timed(model, window)
                : latency.record(() -> model.withSensors(reads).forecast(window));
        List<SensorForecast> sensors = new ArrayList<>();
        int horizon = meta.shape().horizon();
        for (int i = 0; i < ids.size(); i++) {
            float[] f = new float[horizon];
            for (int h = 0; h < horizon; h++) {
                f[h] = predicted[h][i];
            }
            sensors.add(new SensorForecast(ids.get(i), mask.isKept(i), f, null));
        }
        return new Forecast(modelId, meta.datasetId(), null, horizon, meta.stepMinutes(), sensors, List.copyOf(degraded));
    }

    /** A full window: {@code lag} finite values. */
    private static boolean complete(List<Double> values, int lag) {
        return values != null && values.size() == lag && values.stream().allMatch(v -> v != null && Double.isFinite(v));
    }

    private float[][] timed(TrainedModel model, float[][] window) {
        return latency.record(() -> batched(model, window));
    }

    private float[][] batched(TrainedModel model, float[][] window) {
        ForecastBatcher batcher = batchers.computeIfAbsent(model, m -> new ForecastBatcher(m, batching, batchThreads));
        try {
            return batcher.submit(window).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a forecast", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("forecast failed", e.getCause());
        }
    }

    @Override
    public void close() {
        idleSweep.shutdownNow();
        batchThreads.shutdown();
    }
}
