package io.prunegcrn.model.whatif;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.prunegcrn.job.TrainingJob;
import io.prunegcrn.job.TrainingJobService;
import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.model.backtest.BacktestResult;
import io.prunegcrn.model.backtest.BacktestService;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.SensorMask;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingSettings;

/**
 * Evaluates what-if sets through the model's {@code withSensors} seam and a backtest of the range, and fine-tunes a
 * model on such a set.
 */
@Service
class WhatIfService {

    private final ModelRepository models;
    private final BacktestService backtests;
    private final TrainingJobService jobs;

    WhatIfService(ModelRepository models, BacktestService backtests, TrainingJobService jobs) {
        this.models = models;
        this.backtests = backtests;
        this.jobs = jobs;
    }

    /** The model reading exactly {@code keep} over [from, to) (default: the test split). */
    WhatIf evaluate(String modelId, List<String> keep, Integer from, Integer to) {
        ModelMetadata meta = models.metadata(modelId);
        float[] reads = mask(meta.sensorIds(), keep);
        BacktestService.PerSensor run = backtests.runPerSensor(backtests.plan(modelId, from, to, null).reading(reads));
        BacktestResult result = run.result();
        SensorMask own = meta.sensorMask();
        List<String> kept = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (int i = 0; i < reads.length; i++) {
            String id = meta.sensorIds().get(i);
            if (reads[i] == 1f) {
                kept.add(id);
            }
            if (reads[i] == 1f && !own.isKept(i)) {
                added.add(id);
            } else if (reads[i] == 0f && own.isKept(i)) {
                removed.add(id);
            }
        }
        return new WhatIf(modelId, meta.datasetId(), kept, added, removed, kept.size(), meta.outcome().budget(), result.from(), result.to(),
                result.windows(), result.metrics(), run.sensors());
    }

    /**
     * Queues a job that trains the model on exactly the sensors of {@code keep} for {@code epochs} epochs: the same
     * method, seed and settings, every sensor fixed by the operator's constraints (must keep the set, must drop the
     * rest, so γ = |keep| / N and nothing is selected), a network starting from the model's weights (a linear model is
     * fitted again on the set). Its model is a new one, with the job's id.
     */
    TrainingJob fineTune(String modelId, List<String> keep, Integer epochs) {
        ModelMetadata meta = models.metadata(modelId);
        float[] reads = mask(meta.sensorIds(), keep);
        if (epochs == null || epochs < 1) {
            throw new IllegalArgumentException("fineTune.epochs: must be at least 1, got " + epochs);
        }
        List<String> read = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (int i = 0; i < reads.length; i++) {
            (reads[i] == 1f ? read : off).add(meta.sensorIds().get(i));
        }
        TrainingConfig source = meta.config();
        boolean network = source.forecaster() == Forecaster.NETWORK;
        // the full baseline reads every sensor; on a set of them it is the network with a fixed mask
        SelectionMethod method = source.method() == SelectionMethod.FULL
                ? network ? SelectionMethod.PRUNEGCRN : SelectionMethod.RANDOM : source.method();
        TrainingSettings settings = source.settings().with(network ? Map.of("epochs", epochs, "warmStart", modelId)
                : Map.of("epochs", epochs)).withConstraints(read, off);
        return jobs.submit(meta.datasetId(),
                new TrainingConfig(method, read.size() / (double) reads.length, source.seed(), source.forecaster(), settings), null);
    }

    /** The 0/1 mask of the sensors named; refuses unknown ids and an empty set, naming the field {@code keep}. */
    static float[] mask(List<String> sensorIds, List<String> keep) {
        if (keep == null || keep.isEmpty()) {
            throw new IllegalArgumentException("keep: name at least one sensor to read");
        }
        List<String> unknown = keep.stream().filter(id -> !sensorIds.contains(id)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("keep: unknown sensors " + unknown);
        }
        float[] mask = new float[sensorIds.size()];
        keep.forEach(id -> mask[sensorIds.indexOf(id)] = 1f);
        return mask;
    }
}
