package io.prunegcrn.training;

import java.util.Locale;

import io.prunegcrn.dataset.BundledDatasets;
import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.linear.LinearForecaster;
import io.prunegcrn.linear.RidgeRegression;

/** Research probe: ridge test MAE of every selector's set on Los-loop. */
public final class SelectionProbe {
    public static void main(String[] args) {
        TrafficDataset d = BundledDatasets.losLoop();
        var s = d.series();
        ChronologicalSplit split = ChronologicalSplit.of(s.steps());
        ZScore z = ZScore.fit(s, split.trainEnd());
        SlidingWindows w = new SlidingWindows(s, z, 12, 12);
        int draws = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (args.length > 1) { // only the forecast-aware greedy's set at one budget: print its ids
            int k = Integer.parseInt(args[1]);
            float[] m = GreedyVarianceSelection.selectForecastAware(s, split.trainEnd(), k, SensorConstraints.NONE);
            report("greedy-ahead", k, w, split, z, m);
            System.out.println("result=ids " + String.join(",", SensorMask.fromRaw(m).kept().stream().map(s.sensorIds()::get).toList()));
            return;
        }
        for (int k : new int[] {21, 52, 104, 207}) {
            report("qr", k, w, split, z, PodQrSelection.select(s, split.trainEnd(), k, SensorConstraints.NONE));
            report("greedy", k, w, split, z, GreedyVarianceSelection.select(s, split.trainEnd(), k, SensorConstraints.NONE));
            report("correlation", k, w, split, z, BaselineSelection.correlation(s, split.trainEnd(), k));
            report("greedy-ahead", k, w, split, z, GreedyVarianceSelection.selectForecastAware(s, split.trainEnd(), k, SensorConstraints.NONE));
            for (int seed = 1; seed <= (k == 207 ? 1 : draws); seed++) {
                report("random" + seed, k, w, split, z, BaselineSelection.random(s.nodes(), k, seed));
            }
        }
    }

    static void report(String name, int k, SlidingWindows w, ChronologicalSplit split, ZScore z, float[] mask) {
        long t0 = System.nanoTime();
        int[] kept = java.util.stream.IntStream.range(0, mask.length).filter(i -> mask[i] >= 0.5f).toArray();
        RidgeRegression.Fit fit = RidgeRegression.fit(w, split, z.std(), kept);
        double fitS = (System.nanoTime() - t0) / 1e9;
        double test = testMae(fit.forecaster(), w, split, z);
        System.out.printf(Locale.ROOT, "result=ridge k=%d method=%s val_mae=%.4f test_mae=%.4f lambda=%.0f fit_s=%.2f%n", k, name,
                fit.validationMae(), test, fit.forecaster().lambda(), fitS);
    }

    static double testMae(LinearForecaster f, SlidingWindows w, ChronologicalSplit split, ZScore z) {
        return LinearTraining.test(f, w, split, z).average().mae();
    }
}
