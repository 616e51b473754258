package io.prunegcrn.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.prunegcrn.dataset.TrafficSeries;

/** The fixed sensor sets of MODEL.md's baselines, as 0/1 masks: what {@link #of} dispatches to. */
final class BaselineSelection {

    private BaselineSelection() {
    }

    /**
     * The fixed selection of a method that does not learn its mask, honouring the operator's constraints; {@code full}
     * and the learned mask at γ = 1 (or with every sensor fixed by the operator): every sensor that may be kept.
     */
    static float[] of(SelectionMethod method, TrafficSeries series, int trainEnd, int count, long seed,
            SensorConstraints constraints) {
        int n = series.nodes();
        return switch (method) {
            case RANDOM -> random(n, count, seed, constraints);
            case CORRELATION -> correlation(series, trainEnd, count, constraints);
            case QR -> PodQrSelection.select(series, trainEnd, count, constraints);
            case GREEDY -> GreedyVarianceSelection.select(series, trainEnd, count, constraints);
            case FORECAST_GREEDY -> GreedyVarianceSelection.selectForecastAware(series, trainEnd, count, constraints);
            case FULL, PRUNEGCRN -> constraints.pick(n, count, SensorConstraints.inOrder(n));
        };
    }

    /** {@code count} sensors drawn uniformly with the seed (partial Fisher–Yates). */
    public static float[] random(int nodes, int count, long seed) {
        return random(nodes, count, seed, SensorConstraints.NONE);
    }

    /**
     * The must-keep sensors, then sensors drawn uniformly with the seed among those that may be kept, {@code count}
     * in all. Without constraints the first {@code count} of a Fisher–Yates shuffle, as before they existed.
     */
    public static float[] random(int nodes, int count, long seed, SensorConstraints constraints) {
        int[] order = SensorConstraints.inOrder(nodes);
        Random rnd = new Random(seed);
        for (int i = 0; i < nodes - 1; i++) {
            int j = i + rnd.nextInt(nodes - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return constraints.pick(nodes, count, order);
    }

    /**
     * Greedy correlation cover of the training series: each sensor's coverage is the largest |corr| to a
     * picked sensor (itself counts 1); repeatedly pick the sensor that adds the most coverage,
     * {@code Σ_j max(0, |corr(s, j)| − coverage_j)}. The first pick is the sensor with the highest summed
     * |corr|. Ties go to the lower index.
     */
    public static float[] correlation(TrafficSeries series, int trainEnd, int count) {
        return correlation(series, trainEnd, count, SensorConstraints.NONE);
    }

    /** The greedy cover started from the must-keep sensors (they cover first), never picking a must-drop one. */
    public static float[] correlation(TrafficSeries series, int trainEnd, int count, SensorConstraints constraints) {
        double[][] corr = absoluteCorrelation(series, trainEnd);
        int n = series.nodes();
        double[] coverage = new double[n];
        float[] mask = new float[n];
        for (int keep : constraints.mustKeep()) {
            mask[keep] = 1f;
            for (int j = 0; j < n; j++) {
                coverage[j] = Math.max(coverage[j], corr[keep][j]);
            }
        }
        for (int pick = constraints.mustKeep().size(); pick < count; pick++) {
            int best = -1;
            double bestGain = -1;
            for (int s = 0; s < n; s++) {
                if (mask[s] == 1f || !constraints.mayKeep(s)) {
                    continue;
                }
                double gain = 0;
                for (int j = 0; j < n; j++) {
                    gain += Math.max(0, corr[s][j] - coverage[j]);
                }
                if (gain > bestGain) {
                    bestGain = gain;
                    best = s;
                }
            }
            if (best < 0) {
                break; // every sensor that may be kept is
            }
            mask[best] = 1f;
            for (int j = 0; j < n; j++) {
                coverage[j] = Math.max(coverage[j], corr[best][j]);
            }
        }
        return mask;
    }

    /** Sensor {@code i}'s readings over steps [0, trainEnd) minus their mean: what the selectors compare sensors by. */
    static double[] centred(TrafficSeries series, int trainEnd, int i) {
        double mean = 0;
        for (int t = 0; t < trainEnd; t++) {
            mean += series.get(t, i);
        }
        mean /= trainEnd;
        double[] c = new double[trainEnd];
        for (int t = 0; t < trainEnd; t++) {
            c[t] = series.get(t, i) - mean;
        }
        return c;
    }

    static double sumOfSquares(double[] v) {
        double sq = 0;
        for (double x : v) {
            sq += x * x;
        }
        return sq;
    }

    /** |Pearson correlation| between sensors over steps [0, trainEnd); a constant sensor correlates 0 with others. */
    static double[][] absoluteCorrelation(TrafficSeries series, int trainEnd) {
        int n = series.nodes();
        double[][] centred = new double[n][];
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            centred[i] = centred(series, trainEnd, i);
            norm[i] = Math.sqrt(sumOfSquares(centred[i]));
        }
        double[][] corr = new double[n][n];
        for (int i = 0; i < n; i++) {
            corr[i][i] = 1;
            for (int j = i + 1; j < n; j++) {
                double dot = 0;
                for (int t = 0; t < trainEnd; t++) {
                    dot += centred[i][t] * centred[j][t];
                }
                double c = norm[i] > 0 && norm[j] > 0 ? Math.abs(dot / (norm[i] * norm[j])) : 0;
                corr[i][j] = c;
                corr[j][i] = c;
            }
        }
        return corr;
    }

    /** Indices of the {@code count} largest values (ties to the lower index), as a 0/1 mask. */
    public static float[] topK(float[] values, int count) {
        return topK(values, new double[values.length], count);
    }

    /**
     * The {@code count} largest raw values; ties (the clamp leaves many values at exactly 0 or 1) go to the
     * sensor whose accumulated mask gradient is lower, i.e. whose removal costs more to first order, then to
     * the lower index.
     */
    public static float[] topK(float[] values, double[] gradientSum, int count) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> {
            int c = Float.compare(values[b], values[a]);
            if (c != 0) {
                return c;
            }
            c = Double.compare(gradientSum[a], gradientSum[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        float[] mask = new float[values.length];
        for (int i = 0; i < count; i++) {
            mask[order.get(i)] = 1f;
        }
        return mask;
    }
}
