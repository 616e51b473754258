package io.prunegcrn.sweep;

import java.util.List;

import io.prunegcrn.training.SelectionMethod;

/**
 * MAE against sensors kept, per method and γ, averaged over the seeds whose jobs succeeded, and the stability
 * of the chosen sensor sets across seeds.
 *
 * @param jobsDone     finished jobs (any outcome) of the sweep
 * @param fullModelMae mean test MAE with every sensor (the {@code full} method, else any method at γ = 1); null until known
 * @param knees        per method, the cheapest budget that stays within the tolerance of the full model
 */
record SweepReport(Sweep sweep, int jobsDone, int jobsTotal, List<Row> rows, Double fullModelMae, List<Knee> knees) {

    /**
     * @param seedsDone        seeds whose job succeeded
     * @param sensorsKept      mean sensors kept
     * @param testMae          mean test MAE over the 12 horizons (data units); null until a seed is done
     * @param testMaeStd       standard deviation across seeds (0 for one seed)
     * @param jaccard          mean pairwise Jaccard similarity of the kept sets across seeds; null below 2 seeds
     */
    public record Row(SelectionMethod method, double gamma, int budget, int seedsDone, Double sensorsKept, Double testMae,
            Double testMaeStd, Double testRmse, Double testMape, Double jaccard) {
    }

    /**
     * The knee of one method: the fewest sensors whose mean test MAE stays within {@code tolerance} of the full
     * model's ({@code MAE ≤ (1 + tolerance) × full}). All fields but method and tolerance are null when no finished
     * γ of the method is that good, or the full model's MAE is not known yet.
     */
    public record Knee(SelectionMethod method, double tolerance, Double gamma, Double sensorsKept, Double testMae) {

        static Knee of(SelectionMethod method, List<Row> rows, Double fullMae, double tolerance) {
            Row best = null;
            if (fullMae != null) {
                for (Row r : rows) {
                    boolean within = r.method() == method && r.testMae() != null && r.testMae() <= (1 + tolerance) * fullMae;
                    if (within && (best == null || r.sensorsKept() < best.sensorsKept())) {
                        best = r;
                    }
                }
            }
            return best == null ? new Knee(method, tolerance, null, null, null)
                    : new Knee(method, tolerance, best.gamma(), best.sensorsKept(), best.testMae());
        }
    }
}
