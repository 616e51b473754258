package io.prunegcrn.sweep;

import java.util.List;

import io.prunegcrn.training.SelectionMethod;

/**
 * MAE against sensors kept, per method and γ, averaged over the seeds whose jobs succeeded, and the stability
 * of the chosen sensor sets across seeds.
 *
 * @param jobsDone finished jobs (any outcome) of the sweep
 */
public record SweepReport(Sweep sweep, int jobsDone, int jobsTotal, List<Row> rows) {

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
}
