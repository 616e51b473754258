package io.prunegcrn.training;

import io.prunegcrn.dataset.TrafficSeries;

/**
 * MODEL.md's {@code greedy} selector (Krause, Singh & Guestrin 2008, the variance-reduction variant): with R the
 * training covariance of the sensors conditioned on those already chosen, pick the sensor y that most reduces the
 * summed remaining variance of all sensors, {@code ‖R[:, y]‖² / R[y, y]}, then condition on it (a rank-one update,
 * {@code R ← R − R[:, y] R[y, :] / R[y, y]}). The covariance is shrunk towards its mean variance (1e-3) so that a
 * nearly duplicated sensor cannot divide by a vanishing variance. Must-keep sensors are conditioned on first;
 * must-drop ones are never picked but are still forecast targets, so their variance still counts.
 */
final class GreedyVarianceSelection {

    static final double SHRINKAGE = 1e-3;

    private GreedyVarianceSelection() {
    }

    static float[] select(TrafficSeries series, int trainEnd, int count, SensorConstraints constraints) {
        return greedy(covariance(series, trainEnd, new int[] {0}), series.nodes(), count, constraints, false);
    }

    /** Steps ahead whose readings the forecast-aware variant reduces the variance of. */
    static final int[] AHEAD = {1, 2, 3, 6, 9, 12};

    /**
     * The forecast-aware variant: candidates are the sensors' current readings, and the variance reduced is that of every
     * sensor's readings {@link #AHEAD} steps later (the lagged covariances), so a sensor that leads others counts for
     * what it says of their future.
     */
    static float[] selectForecastAware(TrafficSeries series, int trainEnd, int count, SensorConstraints constraints) {
        int[] lags = new int[AHEAD.length + 1];
        System.arraycopy(AHEAD, 0, lags, 1, AHEAD.length);
        return greedy(covariance(series, trainEnd, lags), series.nodes(), count, constraints, true);
    }

    /**
     * Greedy on a covariance whose first N rows are the candidates; the variance reduced is that of all rows, or with
     * {@code targetsOnly} of the rows after the first N.
     */
    private static float[] greedy(double[][] r, int n, int count, SensorConstraints constraints, boolean targetsOnly) {
        int[] order = new int[Math.min(count, n)];
        boolean[] taken = new boolean[n];
        int k = 0;
        for (int forced : constraints.mustKeep()) {
            if (k < order.length) {
                condition(r, forced);
                taken[forced] = true;
                order[k++] = forced;
            }
        }
        while (k < order.length) {
            int best = -1;
            double bestGain = -1;
            for (int y = 0; y < n; y++) {
                if (taken[y] || !constraints.mayKeep(y) || r[y][y] <= 1e-12) {
                    continue;
                }
                double s = 0;
                for (int i = targetsOnly ? n : 0; i < r.length; i++) {
                    s += r[i][y] * r[i][y];
                }
                double gain = s / r[y][y];
                if (gain > bestGain) {
                    bestGain = gain;
                    best = y;
                }
            }
            if (best < 0) {
                break;
            }
            condition(r, best);
            taken[best] = true;
            order[k++] = best;
        }
        return constraints.pick(n, count, java.util.Arrays.copyOf(order, k));
    }

    /**
     * Covariance over the training steps of every sensor's reading {@code lag} steps later, for each of {@code lags}
     * (block b holds lag {@code lags[b]}), shrunk: (1 − s)·C + s·mean(diag C)·I.
     */
    static double[][] covariance(TrafficSeries series, int trainEnd, int[] lags) {
        int n = series.nodes();
        int maxLag = java.util.Arrays.stream(lags).max().orElse(0);
        int steps = trainEnd - maxLag;
        int m = n * lags.length;
        double[][] centred = new double[m][steps];
        for (int b = 0; b < lags.length; b++) {
            for (int i = 0; i < n; i++) {
                double[] row = centred[b * n + i];
                double mean = 0;
                for (int t = 0; t < steps; t++) {
                    row[t] = series.get(t + lags[b], i);
                    mean += row[t];
                }
                mean /= steps;
                for (int t = 0; t < steps; t++) {
                    row[t] -= mean;
                }
            }
        }
        double[][] c = new double[m][m];
        double trace = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double dot = 0;
                for (int t = 0; t < steps; t++) {
                    dot += centred[i][t] * centred[j][t];
                }
                c[i][j] = dot / steps;
                c[j][i] = c[i][j];
            }
            trace += c[i][i];
        }
        double ridge = SHRINKAGE * trace / m;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                c[i][j] *= 1 - SHRINKAGE;
            }
            c[i][i] += ridge;
        }
        return c;
    }

    /** Conditions the covariance on sensor y: R ← R − R[:, y] R[y, :] / R[y, y]. */
    private static void condition(double[][] r, int y) {
        double d = r[y][y];
        if (d <= 1e-12) {
            return;
        }
        double[] col = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            col[i] = r[i][y];
        }
        for (int i = 0; i < r.length; i++) {
            double f = col[i] / d;
            for (int j = 0; j < r.length; j++) {
                r[i][j] -= f * col[j];
            }
        }
    }
}
