package io.prunegcrn.evaluation;

import java.util.List;

/**
 * Test metrics over all nodes, per horizon step and averaged over steps, in data units.
 *
 * @param mapeThreshold true values with |y| below it are left out of MAPE (zeros mark missing readings)
 */
public record ForecastMetrics(List<HorizonMetrics> perHorizon, HorizonMetrics average, double mapeThreshold) {

    /** Metrics of one horizon step (1-based); {@code step} 0 is the average over steps. MAPE in percent. */
    public record HorizonMetrics(int step, double mae, double rmse, double mape) {
    }
}
