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
        double[][] r = covariance(series, trainEnd);
        int n = r.length;
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
                for (int i = 0; i < n; i++) {
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

    /** Covariance of the sensors over the training steps, shrunk: (1 − s)·C + s·mean(diag C)·I. */
    static double[][] covariance(TrafficSeries series, int trainEnd) {
        int n = series.nodes();
        double[][] centred = new double[n][trainEnd];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int t = 0; t < trainEnd; t++) {
                mean += series.get(t, i);
            }
            mean /= trainEnd;
            for (int t = 0; t < trainEnd; t++) {
                centred[i][t] = series.get(t, i) - mean;
            }
        }
        double[][] c = new double[n][n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double dot = 0;
                for (int t = 0; t < trainEnd; t++) {
                    dot += centred[i][t] * centred[j][t];
                }
                c[i][j] = dot / trainEnd;
                c[j][i] = c[i][j];
            }
            trace += c[i][i];
        }
        double ridge = SHRINKAGE * trace / n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
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
