package io.prunegcrn.network.runtime;

import static io.prunegcrn.network.PruneGcrnGraphTests.gaussian;
import static io.prunegcrn.network.PruneGcrnGraphTests.withSomeSensorsDropped;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.PruneGcrnGraph;

class StaticGraphRunnerTests {

    private final NetworkShape shape = new NetworkShape(5, 1, 4, 2, 3, 3, 4, 3);
    private final SameDiff sd = PruneGcrnGraph.build(shape, withSomeSensorsDropped(ModelParameters.initial(shape, 7)), 1.0);
    private final StaticGraphRunner runner = new StaticGraphRunner(sd, PruneGcrnGraph.FORECAST);

    @Test
    void forecastEqualsTheSessionsOnFirstAndRepeatedRunsAndOtherBatchSizes() {
        Random rnd = new Random(3);
        for (int batch : new int[] {1, 3, 1, 3}) {
            INDArray x = gaussian(rnd, 5, 4, batch, 1);
            assertThat(runner.run(Map.of(PruneGcrnGraph.X, x)).get(PruneGcrnGraph.FORECAST)).isEqualTo(session(x));
        }
    }

    @Test
    void followsParametersChangedInPlace() {
        INDArray x = gaussian(new Random(4), 5, 4, 2, 1);
        INDArray before = runner.run(Map.of(PruneGcrnGraph.X, x)).get(PruneGcrnGraph.FORECAST).dup();

        sd.getArrForVarName(ModelParameters.HEAD_B).addi(1.0);
        sd.getArrForVarName(ModelParameters.RAW_MASK).assign(1.0);

        INDArray after = runner.run(Map.of(PruneGcrnGraph.X, x)).get(PruneGcrnGraph.FORECAST);
        assertThat(after).isNotEqualTo(before).isEqualTo(session(x));
    }

    @Test
    void gradientsEqualSameDiffsEvenWhenEveryDeadArrayIsOverwrittenWithNaN() {
        assertGradientsEqualSameDiffs(RunnerOptions.poisoningReleasedArrays().withoutJavaKernels(), 0);
    }

    /** The matrix products on OpenBLAS from Java (MatmulKernel) sum in another order than libnd4j: equal to rounding. */
    @Test
    void gradientsWithJavaKernelsEqualSameDiffsToRounding() {
        assertGradientsEqualSameDiffs(RunnerOptions.poisoningReleasedArrays(), 1e-5);
    }

    private void assertGradientsEqualSameDiffs(RunnerOptions options, double tolerance) {
        Random rnd = new Random(5);
        sd.createGradFunction();
        List<String> params = List.of(ModelParameters.EMBEDDINGS, ModelParameters.RAW_MASK, ModelParameters.GRAPH_BIAS,
                ModelParameters.HEAD_W, "l0_wx", "l1_wh_gate", "l1_wh_cand", "l1_b");
        List<String> names = new java.util.ArrayList<>(List.of(PruneGcrnGraph.LOSS));
        params.forEach(p -> names.add(sd.getVariable(p).getGradient().name()));
        StaticGraphRunner gradients = new StaticGraphRunner(sd.getFunction("grad"), options, names.toArray(new String[0]));
        for (int run = 0; run < 3; run++) { // the first run plans; the others reuse the plan, poisoned
            Map<String, INDArray> feed = Map.of(PruneGcrnGraph.X, gaussian(rnd, 5, 4, 2, 1), PruneGcrnGraph.Y,
                    gaussian(rnd, 5, 2, 3), PruneGcrnGraph.GAMMA, Nd4j.scalar(0.5f));
            Map<String, INDArray> expected = sd.calculateGradients(feed, params);
            Map<String, INDArray> actual = gradients.run(feed);
            for (String p : params) {
                INDArray gradient = actual.get(sd.getVariable(p).getGradient().name());
                if (tolerance == 0) {
                    assertThat(gradient.dup().data().asFloat()).as(p).containsExactly(expected.get(p).dup().data().asFloat());
                } else {
                    assertThat(gradient.equalsWithEps(expected.get(p), tolerance)).as(p).isTrue();
                }
            }
        }
        assertThat(gradients.allocatedBytes()).isGreaterThanOrEqualTo(gradients.peakLiveBytes()).isPositive();
    }

    private INDArray session(INDArray x) {
        return sd.output(Map.of(PruneGcrnGraph.X, x), PruneGcrnGraph.FORECAST).get(PruneGcrnGraph.FORECAST);
    }
}
