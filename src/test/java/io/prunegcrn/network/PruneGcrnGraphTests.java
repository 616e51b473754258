package io.prunegcrn.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.training.GradientStep;

/** Also the source of the small networks and random inputs that the runtime tests share. */
public class PruneGcrnGraphTests {

    @Test
    void atGammaOneTheParameterCountIsAgcrnsPlusMaskAndGraphBias() {
        NetworkShape shape = NetworkShape.agcrn(307);
        assertThat(shape.parameterCount()).isEqualTo(748_810L + 2 * 307);

        long stored = ModelParameters.initial(shape, 1).asMap().values().stream().mapToLong(INDArray::length).sum();
        assertThat(stored).isEqualTo(shape.parameterCount());
    }

    @Test
    void forecastEqualsAPlainPerStepForwardOnATinyGraph() {
        NetworkShape shape = new NetworkShape(5, 1, 4, 2, 3, 3, 4, 3);
        ModelParameters params = withSomeSensorsDropped(ModelParameters.initial(shape, 7));
        SameDiff sd = PruneGcrnGraph.build(shape, params, 1.0);
        INDArray x = gaussian(new Random(3), 5, 4, 2, 1);

        INDArray graph = sd.output(Map.of(PruneGcrnGraph.X, x), PruneGcrnGraph.FORECAST).get(PruneGcrnGraph.FORECAST);
        double[][][] plain = new PlainAgcrnForward(shape, params).forecast(x);

        assertThat(graph.shape()).containsExactly(5, 2, 3);
        for (int n = 0; n < 5; n++) {
            for (int b = 0; b < 2; b++) {
                for (int h = 0; h < 3; h++) {
                    assertThat(graph.getDouble(n, b, h)).isCloseTo(plain[n][b][h], within(1e-4));
                }
            }
        }
    }

    @Test
    void droppedSensorsReadingsDoNotChangeTheForecast() {
        NetworkShape shape = new NetworkShape(5, 1, 4, 1, 2, 3, 4, 3);
        ModelParameters params = withSomeSensorsDropped(ModelParameters.initial(shape, 2));
        SameDiff sd = PruneGcrnGraph.build(shape, params, 1.0);
        INDArray x = gaussian(new Random(5), 5, 4, 1, 1);
        INDArray changed = x.dup();
        changed.putScalar(new long[] {1, 2, 0, 0}, 1000f); // sensor 1 is switched off

        INDArray a = sd.output(Map.of(PruneGcrnGraph.X, x), PruneGcrnGraph.FORECAST).get(PruneGcrnGraph.FORECAST);
        INDArray b = sd.output(Map.of(PruneGcrnGraph.X, changed), PruneGcrnGraph.FORECAST).get(PruneGcrnGraph.FORECAST);

        assertThat(b.equalsWithEps(a, 1e-6)).isTrue();
    }

    @Test
    void stepGradientsEqualSameDiffsOwnGradients() {
        NetworkShape shape = new NetworkShape(6, 1, 4, 2, 2, 3, 4, 3);
        ModelParameters params = ModelParameters.initial(shape, 11);
        Random rnd = new Random(1);
        INDArray x = gaussian(rnd, 6, 4, 3, 1);
        INDArray y = gaussian(rnd, 6, 3, 3);
        Map<String, INDArray> feed = Map.of(PruneGcrnGraph.X, x, PruneGcrnGraph.Y, y, PruneGcrnGraph.GAMMA, Nd4j.scalar(0.5f));

        SameDiff reference = PruneGcrnGraph.build(shape, copy(params), 2.0);
        Map<String, INDArray> expected = reference.calculateGradients(feed, params.asMap().keySet());

        // the gradients our training step uses come from the same gradient graph, run with array reuse on
        SameDiff sd = PruneGcrnGraph.build(shape, copy(params), 2.0);
        GradientStep step = new GradientStep(sd, params.asMap().keySet(), 1e-3, 1e-3);
        Map<String, INDArray> actual = step.gradients(new SlidingWindows.Batch(x, y, 3), 0.5);

        for (String name : params.asMap().keySet()) {
            assertThat(actual.get(name).equalsWithEps(expected.get(name), 1e-5)).as(name).isTrue();
        }
        // a second call reuses released arrays: still the same gradients
        Map<String, INDArray> again = step.gradients(new SlidingWindows.Batch(x, y, 3), 0.5);
        for (String name : List.of(ModelParameters.EMBEDDINGS, ModelParameters.RAW_MASK, ModelParameters.HEAD_W)) {
            assertThat(again.get(name).equalsWithEps(expected.get(name), 1e-5)).as(name).isTrue();
        }
    }

    public static ModelParameters withSomeSensorsDropped(ModelParameters p) {
        Map<String, INDArray> m = copy(p).asMap();
        Map<String, INDArray> changed = new HashMap<>(m);
        INDArray raw = Nd4j.createFromArray(1f, 0.2f, 0.7f, 0.49f, 0.5f);
        changed.put(ModelParameters.RAW_MASK, raw);
        changed.put(ModelParameters.GRAPH_BIAS, Nd4j.createFromArray(new float[][] {{0.1f}, {-0.4f}, {0.3f}, {0.8f}, {-0.2f}}));
        return new ModelParameters(changed);
    }

    static ModelParameters copy(ModelParameters p) {
        Map<String, INDArray> m = new HashMap<>();
        p.asMap().forEach((k, v) -> m.put(k, v.dup()));
        return new ModelParameters(m);
    }

    public static INDArray gaussian(Random rnd, long... shape) {
        int len = 1;
        for (long s : shape) {
            len *= (int) s;
        }
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.FLOAT);
    }
}
