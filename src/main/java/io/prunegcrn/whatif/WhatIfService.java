package io.prunegcrn.whatif;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import io.prunegcrn.backtest.Backtest;
import io.prunegcrn.backtest.BacktestResult;
import io.prunegcrn.backtest.BacktestService;
import io.prunegcrn.backtest.PerSensorErrors;
import io.prunegcrn.forecast.ModelMetadata;
import io.prunegcrn.forecast.ModelRepository;
import io.prunegcrn.training.SensorMask;

/** Evaluates what-if sets through the model's {@code withSensors} seam and a backtest of the range. */
@Service
class WhatIfService {

    private final ModelRepository models;
    private final BacktestService backtests;

    WhatIfService(ModelRepository models, BacktestService backtests) {
        this.models = models;
        this.backtests = backtests;
    }

    /** The model reading exactly {@code keep} over [from, to) (default: the test split). */
    WhatIf evaluate(String modelId, List<String> keep, Integer from, Integer to) {
        ModelMetadata meta = models.metadata(modelId);
        float[] reads = mask(meta.sensorIds(), keep);
        Backtest backtest = backtests.plan(modelId, from, to, null).reading(reads);
        PerSensorErrors errors = new PerSensorErrors(backtest.series());
        BacktestResult result = backtests.run(backtest, errors);
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
        return new WhatIf(modelId, meta.datasetId(), kept, added, removed, kept.size(), meta.budget(), result.from(), result.to(),
                result.windows(), result.metrics(), errors.result(reads));
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
