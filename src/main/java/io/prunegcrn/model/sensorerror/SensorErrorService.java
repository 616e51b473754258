package io.prunegcrn.model.sensorerror;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.model.backtest.BacktestService;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.ResourceConflictException;

/**
 * Per-sensor test errors (a backtest of the test split), stored as {@code models/{id}/sensor-errors.json}: by the job
 * that made the model, as its last step ({@link #storeFor}), or on the first request for a model made before.
 */
@Service
public class SensorErrorService {

    static final String FILE = "sensor-errors.json";
    private static final Logger log = LoggerFactory.getLogger(SensorErrorService.class);

    private final ModelRepository models;
    private final DatasetCatalog datasets;
    private final DataDirectory dir;
    private final BacktestService backtests;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    SensorErrorService(ModelRepository models, DatasetCatalog datasets, DataDirectory dir, BacktestService backtests) {
        this.models = models;
        this.datasets = datasets;
        this.dir = dir;
        this.backtests = backtests;
    }

    /** Computes and stores them for a model just made; a failure is logged, not thrown: the first request tries again. */
    public void storeFor(String modelId) {
        try {
            stored(modelId);
        } catch (RuntimeException e) {
            log.warn("cannot compute per-sensor errors of model {}: {}", modelId, e.getMessage());
        }
    }

    /**
     * The stored errors, or computed and stored now in a slot of the backtests' bounded pool (a request that comes first
     * for a model trained before they were stored pays a pass over the test split).
     */
    public SensorErrors of(String modelId) {
        if (Files.exists(models.directory(modelId).resolve(FILE))) {
            return stored(modelId);
        }
        try (var slot = backtests.slot()) {
            return stored(modelId);
        }
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
        ModelMetadata meta = models.metadata(modelId);
        TrafficSeries series = datasets.get(meta.datasetId()).series();
        if (!series.sensorIds().equals(meta.sensorIds())) {
            // the dataset was deleted and uploaded again with other sensors: its readings are not this model's
            throw new ResourceConflictException("dataset '" + meta.datasetId() + "' now has other sensors than the model was trained on");
        }
        // the test split's windows, as the trainer's test metrics: the mean over sensors equals the model's test MAE
        BacktestService.PerSensor run = backtests.runPerSensor(backtests.plan(modelId, null, null, null));
        return new SensorErrors(modelId, meta.datasetId(), run.result().windows(), run.sensors());
    }
}
