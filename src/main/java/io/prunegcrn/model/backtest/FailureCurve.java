package io.prunegcrn.model.backtest;

import java.util.List;

/**
 * What sensor failures cost a model: its test MAE as shares of its retained sensors fail (a few random draws each,
 * every failed sensor out for the whole test split), next to none failing.
 *
 * @param noFailureMae the model's test MAE with every retained sensor read
 * @param points       one per share, smallest first
 */
public record FailureCurve(String modelId, int sensorsKept, int draws, int windows, double noFailureMae, List<Point> points) {

    /**
     * @param rate   share of the retained sensors that fail
     * @param failed how many fail: ⌈rate·k⌉
     * @param maes   test MAE of each draw (seeds 1, 2, …)
     */
    public record Point(double rate, int failed, List<Double> maes, double meanMae, double minMae, double maxMae) {

        static Point of(double rate, int failed, List<Double> maes) {
            return new Point(rate, failed, List.copyOf(maes), maes.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                    maes.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    maes.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
    }
}
