package io.prunegcrn.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.SelectionMethod;

/**
 * MAE against sensors kept, per forecaster, method and γ, averaged over the seeds whose jobs succeeded, the
 * stability of the chosen sensor sets across seeds, the random band and the recommended set per budget.
 *
 * @param progress        the sweep's jobs: done, queued, waiting for the warm start, and an ETA
 * @param fullModelMae    mean test MAE of the full network (every sensor); null until known
 * @param fullLinearMae   mean test MAE of the full linear forecaster; null until known or without it
 * @param knees           per forecaster and method, the cheapest budget that stays within the tolerance of the full model
 * @param recommendations per γ, the network whose validation MAE is lowest, whichever method chose its sensors
 * @param figures         computed in the background: per γ, test MAE of the linear forecaster on many random sets (the
 *                        random band; empty without draws), and the bootstrap stability of each deterministic selector
 */
record SweepReport(Sweep sweep, SweepProgress progress, List<Row> rows, Double fullModelMae, Double fullLinearMae,
        List<Knee> knees, List<Recommendation> recommendations, SweepFigures.Figures figures) {

    /**
     * @param seedsDone        seeds whose job succeeded
     * @param sensorsKept      mean sensors kept
     * @param testMae          mean test MAE over the 12 horizons (data units); null until a seed is done
     * @param testMaeStd       standard deviation across seeds (0 for one seed)
     * @param validationMae    mean validation MAE of the chosen epochs (what the recommendation compares)
     * @param jaccard          mean pairwise Jaccard similarity of the kept sets across seeds; null below 2 seeds
     */
    public record Row(Forecaster forecaster, SelectionMethod method, double gamma, int budget, int seedsDone,
            Double sensorsKept, Double testMae, Double testMaeStd, Double testRmse, Double testMape, Double validationMae,
            Double jaccard) {

        static Row of(Forecaster forecaster, SelectionMethod method, double gamma, int budget, List<SweepService.Result> rs) {
            if (rs.isEmpty()) {
                return new Row(forecaster, method, gamma, budget, 0, null, null, null, null, null, null, null);
            }
            double mae = rs.stream().mapToDouble(r -> r.average.mae()).average().orElseThrow();
            double var = rs.stream().mapToDouble(r -> Math.pow(r.average.mae() - mae, 2)).sum() / rs.size();
            return new Row(forecaster, method, gamma, budget, rs.size(),
                    rs.stream().mapToDouble(r -> r.meta.sensorsKept()).average().orElseThrow(), mae, Math.sqrt(var),
                    rs.stream().mapToDouble(r -> r.average.rmse()).average().orElseThrow(),
                    rs.stream().mapToDouble(r -> r.average.mape()).average().orElseThrow(),
                    rs.stream().mapToDouble(r -> r.meta.outcome().bestValidationMae()).average().orElseThrow(),
                    rs.size() < 2 ? null : SweepService.meanPairwiseJaccard(rs));
        }
    }

    /**
     * The knee of one method under one forecaster: the fewest sensors whose mean test MAE stays within
     * {@code tolerance} of the full model's ({@code MAE ≤ (1 + tolerance) × full}). All fields but forecaster, method
     * and tolerance are null when no finished γ of the method is that good, or the full model's MAE is not known yet.
     */
    public record Knee(Forecaster forecaster, SelectionMethod method, double tolerance, Double gamma, Double sensorsKept,
            Double testMae) {

        static Knee of(Forecaster forecaster, SelectionMethod method, List<Row> rows, Double fullMae, double tolerance) {
            Row best = null;
            if (fullMae != null) {
                for (Row r : rows) {
                    boolean within = r.forecaster() == forecaster && r.method() == method
                            && r.testMae() != null && r.testMae() <= (1 + tolerance) * fullMae;
                    if (within && (best == null || r.sensorsKept() < best.sensorsKept())) {
                        best = r;
                    }
                }
            }
            return best == null ? new Knee(forecaster, method, tolerance, null, null, null)
                    : new Knee(forecaster, method, tolerance, best.gamma(), best.sensorsKept(), best.testMae());
        }
    }

    /**
     * The set the product recommends at one budget: the network of the sweep with the lowest validation MAE, and the
     * method that chose its sensors (test figures for reading only: the choice never looks at them).
     */
    public record Recommendation(double gamma, String modelId, SelectionMethod method, long seed, int sensorsKept,
            double validationMae, double testMae) {

        static List<Recommendation> perGamma(List<SweepService.Result> networks) {
            Map<Double, SweepService.Result> best = new TreeMap<>();
            for (SweepService.Result r : networks) {
                double g = r.meta.config().gamma();
                if (g < 1.0) {
                    best.merge(g, r, (a, b) -> b.meta.outcome().bestValidationMae() < a.meta.outcome().bestValidationMae() ? b : a);
                }
            }
            List<Recommendation> out = new ArrayList<>();
            best.forEach((g, r) -> out.add(new Recommendation(g, r.meta.id(), r.meta.config().method(), r.meta.config().seed(),
                    r.meta.sensorsKept(), r.meta.outcome().bestValidationMae(), r.average.mae())));
            out.sort(Comparator.comparing(Recommendation::gamma));
            return out;
        }
    }
}
