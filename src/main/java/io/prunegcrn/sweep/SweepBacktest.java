package io.prunegcrn.sweep;

/**
 * A sweep compared over a range of steps of its dataset: every finished model backtested over [from, to), then
 * aggregated as the sweep's report aggregates test metrics (means and spread over seeds, Jaccard, knees).
 *
 * @param windows  windows per model (forecast steps in [from, to))
 * @param models   models backtested
 * @param report   the sweep's report with each model's metrics over the range instead of its test split
 */
record SweepBacktest(String sweepId, int from, int to, int windows, int models, double seconds, SweepReport report) {
}
