package io.prunegcrn.sweep;

import java.util.List;

import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;

/**
 * A sweep to start, its defaults applied.
 *
 * @param template    the shared settings (its method, γ, seed and forecaster are replaced per job)
 * @param randomDraws random sets per γ < 1 scored by the linear forecaster for the random band (0: none)
 * @param warmStart   {@code auto} (reuse a full network of this dataset and shape, else train one first), {@code none}
 *                    (every network from scratch), or a model id
 */
record SweepSpec(String datasetId, List<Double> gammas, List<SelectionMethod> methods, List<Long> seeds,
        List<Forecaster> forecasters, TrainingConfig template, double kneeTolerance, int randomDraws, String warmStart) {

    static final String AUTO = "auto";
    static final String NONE = "none";
}
