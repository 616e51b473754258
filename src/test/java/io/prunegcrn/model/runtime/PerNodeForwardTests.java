package io.prunegcrn.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.prunegcrn.model.ModelParameters;
import io.prunegcrn.model.NetworkShape;
import io.prunegcrn.model.PruneGcrnGraphTests;

/** The serving forward against the contract every serving forward meets, plus releasing its per-node weights. */
class PerNodeForwardTests extends ForwardContractTests {

    @Override
    Forecaster fromGraph(NetworkShape shape, SameDiff sd) {
        return PerNodeForward.of(shape, sd)::forecast;
    }

    @Override
    Forecaster fromParameters(NetworkShape shape, ModelParameters params) {
        return PerNodeForward.of(shape, params)::forecast;
    }

    @Test
    void afterReleasingItsWeightsAModelFormsThemAgainAndForecastsTheSame() {
        NetworkShape shape = new NetworkShape(6, 1, 4, 2, 2, 3, 4, 3);
        PerNodeForward forward = PerNodeForward.of(shape, ModelParameters.initial(shape, 4));
        INDArray x = PruneGcrnGraphTests.gaussian(new Random(8), 6, 4, 2, 1);
        INDArray before = forward.forecast(x);
        assertThat(forward.heldBytes()).isEqualTo(4L * 6 * (2 * 12 + 8 * 8 + 8 * 4 + 8 * 12 + 8 * 8 + 8 * 4));
        forward.release();
        assertThat(forward.heldBytes()).isZero();
        assertThat(forward.forecast(x)).isEqualTo(before);
    }
}
