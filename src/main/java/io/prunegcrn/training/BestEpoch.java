package io.prunegcrn.training;

import java.util.Map;
import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Early stopping on validation MAE, counted only over epochs within the sensor budget: keeps the parameters of the
 * best such epoch and says when {@code patience} of them passed without improvement.
 */
final class BestEpoch {

    private final int patience;
    private Map<String, INDArray> parameters;
    private double validationMae = Double.POSITIVE_INFINITY;
    private int epoch;
    private int epochsWithoutImprovement;

    BestEpoch(int patience) {
        this.patience = patience;
    }

    /** Records a finished epoch (1-based); true when training should stop. */
    boolean record(int epoch, double validationMae, boolean withinBudget, Supplier<Map<String, INDArray>> snapshot) {
        if (!withinBudget) {
            return false;
        }
        if (validationMae < this.validationMae) {
            take(epoch, validationMae, snapshot.get());
            epochsWithoutImprovement = 0;
            return false;
        }
        epochsWithoutImprovement++;
        return epochsWithoutImprovement >= patience;
    }

    /** Sets the best epoch outright (a run that never met its budget keeps its last epoch). */
    void take(int epoch, double validationMae, Map<String, INDArray> parameters) {
        this.epoch = epoch;
        this.validationMae = validationMae;
        this.parameters = parameters;
    }

    boolean found() {
        return parameters != null;
    }

    Map<String, INDArray> parameters() {
        return parameters;
    }

    double validationMae() {
        return validationMae;
    }

    int epoch() {
        return epoch;
    }

    /**
     * Early stopping's part of a checkpoint, stored flat in its state (as earlier versions wrote it); the best epoch's
     * parameters travel as the checkpoint's arrays.
     *
     * @param bestValidationMae null while no epoch was within the budget
     */
    record Saved(Double bestValidationMae, int bestEpoch, int epochsWithoutImprovement) {
    }

    Saved saved() {
        return new Saved(Double.isFinite(validationMae) ? validationMae : null, epoch, epochsWithoutImprovement);
    }

    void restore(Saved s, Map<String, INDArray> bestParameters) {
        parameters = bestParameters;
        validationMae = s.bestValidationMae() == null ? Double.POSITIVE_INFINITY : s.bestValidationMae();
        epoch = s.bestEpoch();
        epochsWithoutImprovement = s.epochsWithoutImprovement();
    }
}
