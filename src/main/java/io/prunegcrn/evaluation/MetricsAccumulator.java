package io.prunegcrn.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Sums absolute, squared and percentage errors per horizon step, then reports {@link ForecastMetrics}; and absolute and
 * squared errors per sensor over every horizon step, for each sensor's MAE and RMSE.
 */
public final class MetricsAccumulator {

    public static final double MAPE_THRESHOLD = 1e-3;

    private final double[] abs;
    private final double[] sq;
    private final double[] ape;
    private final long[] count;
    private final long[] apeCount;
    private final double[] sensorAbs;
    private final double[] sensorSq;
    private final long[] sensorCount;

    public MetricsAccumulator(int horizon, int sensors) {
        abs = new double[horizon];
        sq = new double[horizon];
        ape = new double[horizon];
        count = new long[horizon];
        apeCount = new long[horizon];
        sensorAbs = new double[sensors];
        sensorSq = new double[sensors];
        sensorCount = new long[sensors];
    }

    /** The forecast of {@code sensor} at horizon index {@code step} (0-based) against the reading that came. */
    public void add(int step, int sensor, double predicted, double actual) {
        double e = predicted - actual;
        abs[step] += Math.abs(e);
        sq[step] += e * e;
        count[step]++;
        if (Math.abs(actual) > MAPE_THRESHOLD) {
            ape[step] += Math.abs(e) / Math.abs(actual);
            apeCount[step]++;
        }
        sensorAbs[sensor] += Math.abs(e);
        sensorSq[sensor] += e * e;
        sensorCount[sensor]++;
    }

    /** One sensor's MAE over every horizon step. */
    public double sensorMae(int sensor) {
        return sensorAbs[sensor] / sensorCount[sensor];
    }

    /** One sensor's RMSE over every horizon step. */
    public double sensorRmse(int sensor) {
        return Math.sqrt(sensorSq[sensor] / sensorCount[sensor]);
    }

    public ForecastMetrics result() {
        List<ForecastMetrics.HorizonMetrics> steps = new ArrayList<>();
        double tAbs = 0;
        double tSq = 0;
        double tApe = 0;
        long tCount = 0;
        long tApeCount = 0;
        for (int h = 0; h < abs.length; h++) {
            steps.add(new ForecastMetrics.HorizonMetrics(h + 1, abs[h] / count[h], Math.sqrt(sq[h] / count[h]),
                    100 * ape[h] / Math.max(1, apeCount[h])));
            tAbs += abs[h];
            tSq += sq[h];
            tApe += ape[h];
            tCount += count[h];
            tApeCount += apeCount[h];
        }
        return new ForecastMetrics(steps, new ForecastMetrics.HorizonMetrics(0, tAbs / tCount, Math.sqrt(tSq / tCount),
                100 * tApe / Math.max(1, tApeCount)), MAPE_THRESHOLD);
    }
}
