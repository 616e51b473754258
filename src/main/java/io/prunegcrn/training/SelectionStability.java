package io.prunegcrn.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.prunegcrn.dataset.TrafficSeries;

/**
 * How stable a deterministic selector's set is: the selector is run on bootstrap resamples of the training days (whole
 * days drawn with replacement, so that the daily cycle stays intact) and the mean pairwise Jaccard similarity of the
 * sets is reported. A random method is unstable by design and the learned mask is judged across seeds instead.
 */
public final class SelectionStability {

    private SelectionStability() {
    }

    /**
     * @param stepsPerDay readings per day (288 at 5-minute steps); a training part shorter than two days is resampled
     *                    in quarters of it instead
     * @return mean pairwise Jaccard over {@code resamples} bootstrap sets, or NaN for a method that is not deterministic
     */
    public static double bootstrapJaccard(SelectionMethod method, TrafficSeries series, int trainEnd, int count,
            int stepsPerDay, int resamples, long seed) {
        if (method == SelectionMethod.RANDOM || method == SelectionMethod.PRUNEGCRN || method == SelectionMethod.FULL) {
            return Double.NaN;
        }
        int block = trainEnd >= 2 * stepsPerDay ? stepsPerDay : Math.max(1, trainEnd / 4);
        int blocks = trainEnd / block;
        Random rnd = new Random(seed);
        List<Set<Integer>> sets = new ArrayList<>();
        for (int r = 0; r < resamples; r++) {
            int[] days = new int[blocks];
            for (int d = 0; d < blocks; d++) {
                days[d] = rnd.nextInt(blocks);
            }
            TrafficSeries resampled = resample(series, days, block);
            float[] mask = BaselineSelection.of(method, resampled, resampled.steps(), count, seed, SensorConstraints.NONE);
            sets.add(new HashSet<>(SensorMask.fromRaw(mask).kept()));
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < sets.size(); i++) {
            for (int j = i + 1; j < sets.size(); j++) {
                Set<Integer> union = new HashSet<>(sets.get(i));
                union.addAll(sets.get(j));
                long common = sets.get(i).stream().filter(sets.get(j)::contains).count();
                sum += union.isEmpty() ? 1 : (double) common / union.size();
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /** The training blocks {@code days} (each {@code block} steps) one after another. */
    private static TrafficSeries resample(TrafficSeries series, int[] days, int block) {
        int n = series.nodes();
        float[] values = new float[days.length * block * n];
        int row = 0;
        for (int d : days) {
            for (int t = d * block; t < (d + 1) * block; t++, row++) {
                for (int i = 0; i < n; i++) {
                    values[row * n + i] = series.get(t, i);
                }
            }
        }
        return new TrafficSeries(values, days.length * block, series.sensorIds());
    }
}
