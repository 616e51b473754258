package io.prunegcrn.job;

import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.TrainingConfig;

/** Whether a trained model can be the warm start of a job: a network of the job's dataset and network shape. */
final class WarmStart {

    private WarmStart() {
    }

    /** @throws IllegalArgumentException ("warmStart: ...", a 400 naming the field) when it cannot */
    static void check(ModelMetadata from, String datasetId, TrainingConfig config) {
        String id = from.id();
        if (config.forecaster() != Forecaster.NETWORK) {
            throw new IllegalArgumentException("warmStart: the linear forecaster does not start from a network");
        }
        if (from.config().forecaster() != Forecaster.NETWORK) {
            throw new IllegalArgumentException("warmStart: model " + id + " is a linear forecaster, not a network");
        }
        if (!from.datasetId().equals(datasetId)) {
            throw new IllegalArgumentException("warmStart: model " + id + " was trained on dataset " + from.datasetId()
                    + ", this job trains on " + datasetId);
        }
        NetworkShape need = PruneGcrnTrainer.shapeFor(from.shape().nodes(), config);
        if (!need.equals(from.shape())) {
            throw new IllegalArgumentException("warmStart: model " + id + " has " + describe(from.shape()) + ", this job asks for "
                    + describe(need));
        }
    }

    private static String describe(NetworkShape s) {
        return s.hiddenUnits() + " hidden units, embedDim " + s.embedDim() + ", chebK " + s.chebK();
    }
}
