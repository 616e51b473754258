package io.prunegcrn.model.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.training.CheckpointStore;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingListener;
import io.prunegcrn.training.TrainingSettings;

/**
 * A model's {@link Yardsticks}: ridge fits (seconds each, not stored as models), stored as
 * {@code models/{id}/yardsticks.json}; computed on request.
 */
@Service
class YardstickService {

    static final int DEFAULT_DRAWS = 5;
    private static final int MAX_DRAWS = 50;
    private static final String FILE = "yardsticks.json";

    private final ModelRepository models;
    private final DatasetCatalog datasets;
    private final DataDirectory dir;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    YardstickService(ModelRepository models, DatasetCatalog datasets, DataDirectory dir) {
        this.models = models;
        this.datasets = datasets;
        this.dir = dir;
    }

    Optional<Yardsticks> stored(String modelId) {
        Path file = models.directory(modelId).resolve(FILE);
        return Files.exists(file) ? Optional.of(dir.readJson(file, Yardsticks.class)) : Optional.empty();
    }

    /** The stored yardsticks when they have {@code draws} random sets (null: 5), else computed now and stored. */
    Yardsticks of(String modelId, Integer draws) {
        int d = draws == null ? DEFAULT_DRAWS : draws;
        if (d < 1 || d > MAX_DRAWS) {
            throw new IllegalArgumentException("draws: must be in [1, " + MAX_DRAWS + "], got " + d);
        }
        synchronized (locks.computeIfAbsent(modelId, k -> new Object())) {
            Optional<Yardsticks> stored = stored(modelId).filter(y -> y.randomMaes().size() == d);
            if (stored.isPresent()) {
                return stored.get();
            }
            Yardsticks y = compute(models.metadata(modelId), d);
            dir.writeJson(models.directory(modelId).resolve(FILE), y);
            return y;
        }
    }

    private Yardsticks compute(ModelMetadata m, int draws) {
        TrafficDataset dataset = datasets.get(m.datasetId());
        if (!dataset.series().sensorIds().equals(m.sensorIds())) {
            throw new ResourceConflictException("dataset '" + m.datasetId() + "' now has other sensors than the model was trained on");
        }
        List<String> kept = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (int i = 0; i < m.sensorIds().size(); i++) {
            (m.sensorMask().isKept(i) ? kept : off).add(m.sensorIds().get(i));
        }
        double gamma = kept.size() / (double) m.sensorIds().size(); // ⌈γN⌉ = k: as many sensors as the model reads
        double ridge = ridge(dataset, gamma, 1, TrainingSettings.NONE.withConstraints(kept, off));
        TrainingSettings operator = TrainingSettings.NONE.withConstraints(m.config().settings().mustKeep(),
                m.config().settings().mustDrop());
        List<Double> random = new ArrayList<>();
        for (long seed = 1; seed <= draws; seed++) {
            random.add(ridge(dataset, gamma, seed, operator));
        }
        double mean = random.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(random.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, random.size() - 1));
        double mae = m.outcome().test().average().mae();
        return new Yardsticks(m.id(), kept.size(), mae, ridge, List.copyOf(random), mean, sd, mae / ridge - 1, mae / mean - 1);
    }

    private static double ridge(TrafficDataset dataset, double gamma, long seed, TrainingSettings settings) {
        TrainingConfig config = new TrainingConfig(SelectionMethod.RANDOM, gamma, seed, Forecaster.LINEAR, settings);
        return new PruneGcrnTrainer().train(dataset, config, TrainingListener.NONE, () -> false, CheckpointStore.NONE).outcome().test()
                .average().mae();
    }
}
