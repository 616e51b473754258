package io.prunegcrn.model.report;

import java.time.Instant;
import java.util.List;

import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.model.backtest.FailureCurve;

/**
 * What an operator decides from, in one place: the budget and the sensors kept, what the pruned model costs against
 * the full model, the error at every sensor, the constraints the model was trained under, and what failures cost.
 *
 * @param fullModel    the full model of the same dataset it is compared with; null when there is none
 * @param keptMae      mean test MAE at the sensors the model reads
 * @param droppedMae   mean test MAE at the sensors it switches off (null when it reads every sensor)
 * @param yardsticks   ridge on the same sensors and on random sets; null until computed (GET …/yardsticks)
 * @param failureCurve null until computed (GET …/failure-curve)
 */
public record DecisionReport(String modelId, String datasetId, Instant createdAt, String method, double gamma, int sensors,
        int budget, int sensorsKept, ForecastMetrics test, Comparison fullModel, Yardsticks yardsticks, List<String> mustKeep,
        List<String> mustDrop, Double keptMae, Double droppedMae, List<SensorRow> sensorErrors, FailureCurve failureCurve) {

    /**
     * This model against another on the same test split.
     *
     * @param cost this model's test MAE over the other's, less one (0.25: 25 % higher)
     */
    public record Comparison(String modelId, int sensorsKept, double testMae, double cost) {
    }

    /** True when every sensor has coordinates (the map can be drawn). */
    public boolean located() {
        return sensorErrors.stream().allMatch(SensorRow::located);
    }
}
