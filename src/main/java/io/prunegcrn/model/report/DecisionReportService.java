package io.prunegcrn.model.report;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;

import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.model.backtest.FailureCurveService;
import io.prunegcrn.training.SelectionMethod;

/** Assembles a model's {@link DecisionReport} from what is stored about it (per-sensor errors are computed if missing). */
@Service
class DecisionReportService {

    private final ModelRepository models;
    private final ModelSensors sensors;
    private final FailureCurveService failureCurves;
    private final YardstickService yardsticks;

    DecisionReportService(ModelRepository models, ModelSensors sensors, FailureCurveService failureCurves,
            YardstickService yardsticks) {
        this.models = models;
        this.sensors = sensors;
        this.failureCurves = failureCurves;
        this.yardsticks = yardsticks;
    }

    DecisionReport of(String modelId) {
        ModelMetadata m = models.metadata(modelId);
        List<SensorRow> rows = sensors.of(modelId);
        double mae = m.outcome().test().average().mae();
        DecisionReport.Comparison full = fullModel(m)
                .map(f -> new DecisionReport.Comparison(f.id(), f.sensorsKept(), f.outcome().test().average().mae(),
                        mae / f.outcome().test().average().mae() - 1))
                .orElse(null);
        return new DecisionReport(m.id(), m.datasetId(), m.createdAt(), m.config().method().name().toLowerCase(java.util.Locale.ROOT),
                m.config().gamma(), m.sensorIds().size(), m.outcome().budget(), m.sensorsKept(), m.outcome().test(), full,
                yardsticks.stored(modelId).orElse(null), m.config().settings().mustKeep(),
                m.config().settings().mustDrop(), mean(rows, true), mean(rows, false), rows, failureCurves.stored(modelId).orElse(null));
    }

    /**
     * The model that reads every sensor of the same network to compare with: the full baseline or γ = 1 on the same
     * dataset and sensors, the same network size first, then the newest.
     */
    private java.util.Optional<ModelMetadata> fullModel(ModelMetadata m) {
        return models.list().stream()
                .filter(f -> !f.id().equals(m.id()) && f.datasetId().equals(m.datasetId()) && f.sensorIds().equals(m.sensorIds()))
                .filter(f -> f.config().method() == SelectionMethod.FULL || f.sensorsKept() == f.sensorIds().size())
                .min(Comparator.comparing((ModelMetadata f) -> !f.shape().equals(m.shape()))); // list() is newest first
    }

    private static Double mean(List<SensorRow> rows, boolean retained) {
        return rows.stream().filter(r -> r.retained() == retained).mapToDouble(SensorRow::testMae).average().stream().boxed()
                .findFirst().orElse(null);
    }
}
