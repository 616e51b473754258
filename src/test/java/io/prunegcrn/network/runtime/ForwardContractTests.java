package io.prunegcrn.network.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.PruneGcrnGraph;
import io.prunegcrn.network.PruneGcrnGraphTests;

/**
 * What every forward that serves forecasts must do, run against each implementation: the graph's forecast on tiny and
 * AGCRN-sized networks, the same forecast from parameters or graph, and a refusal of windows of the wrong shape.
 */
abstract class ForwardContractTests {

    /** One implementation's forecast: {@code x[N, lag, B, 1]} → {@code [N, B, horizon]}. */
    interface Forecaster {
        INDArray forecast(INDArray x);
    }

    abstract Forecaster fromGraph(NetworkShape shape, SameDiff sd);

    abstract Forecaster fromParameters(NetworkShape shape, ModelParameters params);


    @Test
    void sameForecastAsTheGraphOnATinyNetworkWithThreeSupportsAndDroppedSensors() {
        NetworkShape shape = new NetworkShape(5, 1, 4, 2, 3, 3, 4, 3);
        ModelParameters params = PruneGcrnGraphTests.withSomeSensorsDropped(ModelParameters.initial(shape, 7));
        assertSameAsGraph(shape, params, 2, 1e-5);
    }

    /**
     * 96 hidden units: one window's gate weights, [96, 192] per support, take more than one single-threaded GEMV (row
     * blocks), and 40 windows' GEMMs are cut into column blocks that OpenBLAS runs on the calling thread.
     */
    @ParameterizedTest(name = "{0} windows")
    @ValueSource(ints = {1, 40})
    void sameForecastAsTheGraphWhenAProductIsSplitIntoBlocks(int windows) {
        NetworkShape shape = new NetworkShape(5, 1, 96, 1, 2, 3, 4, 3);
        ModelParameters params = PruneGcrnGraphTests.withSomeSensorsDropped(ModelParameters.initial(shape, 11));
        assertSameAsGraph(shape, params, windows, 1e-5);
    }

    @Test
    void sameForecastAsTheGraphAtAgcrnSizeForOneWindowAndForABatch() {
        NetworkShape shape = NetworkShape.agcrn(207);
        ModelParameters params = droppingEveryThirdSensor(ModelParameters.initial(shape, 3), 207);
        SameDiff sd = PruneGcrnGraph.build(shape, params, 1.0);
        Forecaster forward = fromGraph(shape, sd);
        StaticGraphRunner runner = new StaticGraphRunner(sd, PruneGcrnGraph.FORECAST);
        for (int batch : new int[] {1, 5}) {
            INDArray x = PruneGcrnGraphTests.gaussian(new Random(batch), 207, 12, batch, 1);
            INDArray expected = runner.run(Map.of(PruneGcrnGraph.X, x)).get(PruneGcrnGraph.FORECAST).dup();
            INDArray actual = forward.forecast(x);
            assertThat(actual.shape()).containsExactly(207, batch, 12);
            assertThat(maxAbsDifference(actual, expected)).as("batch %d", batch).isLessThan(1e-5);
        }
    }

    @Test
    void theSameParametersReadFromModelParametersOrTheGraphGiveTheSameForecast() {
        NetworkShape shape = new NetworkShape(6, 1, 4, 2, 2, 3, 4, 3);
        ModelParameters params = ModelParameters.initial(shape, 5);
        INDArray x = PruneGcrnGraphTests.gaussian(new Random(2), 6, 4, 3, 1);
        INDArray a = fromParameters(shape, params).forecast(x);
        INDArray b = fromGraph(shape, PruneGcrnGraph.build(shape, params, 1.0)).forecast(x);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void aWindowOfTheWrongShapeIsRefused() {
        NetworkShape shape = new NetworkShape(5, 1, 4, 1, 2, 3, 4, 3);
        Forecaster forward = fromParameters(shape, ModelParameters.initial(shape, 1));
        assertThatThrownBy(() -> forward.forecast(Nd4j.zeros(5, 3, 1, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertSameAsGraph(NetworkShape shape, ModelParameters params, int batch, double tolerance) {
        SameDiff sd = PruneGcrnGraph.build(shape, params, 1.0);
        INDArray x = PruneGcrnGraphTests.gaussian(new Random(3), shape.nodes(), shape.lag(), batch, shape.inputDim());
        INDArray expected = sd.output(Map.of(PruneGcrnGraph.X, x), PruneGcrnGraph.FORECAST).get(PruneGcrnGraph.FORECAST);
        INDArray actual = fromGraph(shape, sd).forecast(x);
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(maxAbsDifference(actual, expected)).isLessThan(tolerance);
    }

    private static double maxAbsDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private static ModelParameters droppingEveryThirdSensor(ModelParameters p, int n) {
        Map<String, INDArray> m = new HashMap<>(p.asMap());
        float[] raw = new float[n];
        float[] bias = new float[n];
        Random rnd = new Random(9);
        for (int i = 0; i < n; i++) {
            raw[i] = i % 3 == 0 ? 0.3f : 0.8f;
            bias[i] = (float) rnd.nextGaussian();
        }
        m.put(ModelParameters.RAW_MASK, Nd4j.createFromArray(raw));
        m.put(ModelParameters.GRAPH_BIAS, Nd4j.createFromArray(bias).reshape(n, 1));
        return new ModelParameters(m);
    }
}
