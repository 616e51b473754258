package io.prunegcrn.sensorerror;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.forecast.ComputePools;
import io.prunegcrn.forecast.ModelMetadata;
import io.prunegcrn.forecast.ModelRepository;
import io.prunegcrn.forecast.TrainedModel;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.training.SensorMask;

/**
 * Per-sensor test errors, stored as {@code models/{id}/sensor-errors.json}. Public only so that a trainer process
 * ({@code job.TrainerMain}) can have it in its context: there, too, they are computed when the model is saved.
 */
@Service
public class SensorErrorService {

    static final String FILE = "sensor-errors.json";
    private static final int BATCH = 64;
    private static final Logger log = LoggerFactory.getLogger(SensorErrorService.class);

    private final ModelRepository models;
    private final DatasetCatalog datasets;
    private final DataDirectory dir;
    /** Absent in a trainer process, which computes them once, when it saves the model. */
    private final ObjectProvider<ComputePools> pools;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    SensorErrorService(ModelRepository models, DatasetCatalog datasets, DataDirectory dir, ObjectProvider<ComputePools> pools) {
        this.models = models;
        this.datasets = datasets;
        this.dir = dir;
        this.pools = pools;
    }

    /** Computes them while the job that made the model still runs, so that its page has them at once. */
    @EventListener
    void onModelSaved(ModelRepository.ModelSaved saved) {
        try {
            stored(saved.modelId());
        } catch (RuntimeException e) {
            // not fatal for the job: the first request computes them again
            log.warn("cannot compute per-sensor errors of model {}: {}", saved.modelId(), e.getMessage());
        }
    }

    /**
     * The stored errors, or computed and stored now in a slot of the backtests' bounded pool (a request that comes first
     * for a model trained before they were stored pays a pass over the test split).
     */
    SensorErrors of(String modelId) {
        if (Files.exists(models.directory(modelId).resolve(FILE))) {
            return stored(modelId);
        }
        ComputePools pool = pools.getIfAvailable();
        return pool == null ? stored(modelId) : pool.backtests().run(() -> stored(modelId));
    }

    /** The stored errors, or computed and stored now (one computation per model at a time). */
    private SensorErrors stored(String modelId) {
        Path file = models.directory(modelId).resolve(FILE);
        synchronized (locks.computeIfAbsent(modelId, k -> new Object())) {
            if (Files.exists(file)) {
                return dir.readJson(file, SensorErrors.class);
            }
            long started = System.nanoTime();
            SensorErrors computed = compute(modelId);
            dir.writeJson(file, computed);
            log.info("per-sensor test errors of model {}: {} sensors over {} windows in {} s", modelId, computed.sensors().size(),
                    computed.windows(), String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
            return computed;
        }
    }

    private SensorErrors compute(String modelId) {
        TrainedModel model = models.model(modelId);
        ModelMetadata meta = model.metadata();
        TrafficSeries series = datasets.get(meta.datasetId()).series();
        int n = series.nodes();
        if (!series.sensorIds().equals(meta.sensorIds())) {
            // the dataset was deleted and uploaded again with other sensors: its readings are not this model's
            throw new ResourceConflictException("dataset '" + meta.datasetId() + "' now has other sensors than the model was trained on");
        }
        int horizon = meta.shape().horizon();
        ZScore scale = new ZScore(meta.mean(), meta.std());
        SlidingWindows windows = new SlidingWindows(series, scale, meta.shape().lag(), horizon);
        ChronologicalSplit split = ChronologicalSplit.of(series.steps());
        // the same windows as the trainer's test metrics, so the mean over sensors equals the model's test MAE
        int[] starts = windows.starts(split.validationEnd(), split.steps());
        double[] abs = new double[n];
        double[] sq = new double[n];
        for (int from = 0; from < starts.length; from += BATCH) {
            SlidingWindows.Batch batch = windows.batch(starts, from, Math.min(BATCH, starts.length - from));
            float[] f = model.forecastNormalized(batch.x());
            float[] y = batch.y().ravel().toFloatVector();
            int perNode = batch.size() * horizon; // layout [N, B, horizon]
            for (int i = 0; i < f.length; i++) {
                double e = scale.denormalize(f[i]) - scale.denormalize(y[i]);
                abs[i / perNode] += Math.abs(e);
                sq[i / perNode] += e * e;
            }
        }
        double count = (double) starts.length * horizon;
        SensorMask mask = meta.sensorMask();
        List<SensorErrors.SensorError> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new SensorErrors.SensorError(i, meta.sensorIds().get(i), mask.isKept(i), abs[i] / count,
                    Math.sqrt(sq[i] / count)));
        }
        return new SensorErrors(modelId, meta.datasetId(), starts.length, out);
    }
}
