package io.prunegcrn.model.report;

import java.util.List;

/**
 * What the simplest forecaster does with the same sensors (issue 20's yardsticks): ridge regression (the linear
 * forecaster, λ on the validation split) on exactly the model's retained sensors, and on random sets of as many
 * sensors (the operator's constraints held), all over the test split.
 *
 * @param modelMae      the model's own test MAE
 * @param ridgeMae      ridge on the model's sensors
 * @param randomMaes    ridge on each random set (seeds 1, 2, …)
 * @param costVsRidge   the model's MAE over ridge's on its set, less one (negative: the model is better)
 * @param costVsRandom  the model's MAE over ridge's random mean, less one
 */
public record Yardsticks(String modelId, int sensors, double modelMae, double ridgeMae, List<Double> randomMaes,
        double randomMeanMae, double randomSdMae, double costVsRidge, double costVsRandom) {
}
