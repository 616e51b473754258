package io.prunegcrn.network.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.PruneGcrnGraphTests;

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
    void anotherMaskGivesTheGraphOfTheSameWeightsWithThatMaskAndANanInAnUnreadSensorChangesNothing() {
        NetworkShape shape = new NetworkShape(5, 1, 4, 2, 2, 3, 4, 3);
        ModelParameters trained = PruneGcrnGraphTests.withSomeSensorsDropped(ModelParameters.initial(shape, 7));
        float[] other = {0f, 1f, 1f, 0f, 1f};
        java.util.Map<String, INDArray> m = new java.util.HashMap<>(trained.asMap());
        m.put(ModelParameters.RAW_MASK, org.nd4j.linalg.factory.Nd4j.createFromArray(other));
        SameDiff withOther = io.prunegcrn.network.PruneGcrnGraph.build(shape, new ModelParameters(m), 1.0);
        INDArray x = PruneGcrnGraphTests.gaussian(new Random(4), 5, 4, 3, 1);

        INDArray expected = withOther.output(java.util.Map.of(io.prunegcrn.network.PruneGcrnGraph.X, x),
                io.prunegcrn.network.PruneGcrnGraph.FORECAST).get(io.prunegcrn.network.PruneGcrnGraph.FORECAST);
        PerNodeForward forward = PerNodeForward.of(shape, trained);
        INDArray actual = forward.forecast(x, other);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(forward.forecast(x, forward.mask())).isEqualTo(forward.forecast(x));
        assertThat(actual).isNotEqualTo(forward.forecast(x));

        INDArray gap = x.dup();
        gap.putScalar(new long[] {3, 1, 2, 0}, Float.NaN); // sensor 3 is not read
        assertThat(forward.forecast(gap, other)).isEqualTo(actual);
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

    @Test
    void releasingTheWeightsWhileForecastsRunLeavesEveryForecastIntact() throws Exception {
        NetworkShape shape = new NetworkShape(6, 1, 8, 2, 2, 3, 4, 3);
        PerNodeForward forward = PerNodeForward.of(shape, ModelParameters.initial(shape, 6));
        INDArray x = PruneGcrnGraphTests.gaussian(new Random(5), 6, 4, 3, 1);
        INDArray expected = forward.forecast(x);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread releaser = new Thread(() -> {
            while (running.get()) {
                forward.release(); // frees the weights no forecast holds; the one running keeps its own
            }
        });
        releaser.start();
        try {
            for (int i = 0; i < 200; i++) {
                assertThat(forward.forecast(x)).isEqualTo(expected);
            }
        } finally {
            running.set(false);
            releaser.join();
        }
    }
}
