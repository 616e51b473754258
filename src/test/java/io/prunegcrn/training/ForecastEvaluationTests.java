package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.PruneGcrnGraph;
import io.prunegcrn.network.runtime.StaticGraphRunner;

/**
 * Validation and test metrics of the graph being trained, against a reference computed here in one pass over all the
 * windows of a part, in data units: which windows count, how errors are averaged, the mask read as it is now and the
 * highway added once fitted. The parts hold more windows than one evaluation batch, so the walk over batches counts.
 */
class ForecastEvaluationTests {

    private static final int N = 4;
    /** 800 steps split 480 : 160 : 160; 160 − 12 − 12 + 1 = 137 windows in validation and in test. */
    private static final int STEPS = 800;
    private static final NetworkShape SHAPE = new NetworkShape(N, 1, 3, 1, 2, 2, NetworkShape.LAG, NetworkShape.HORIZON);
    private static final SensorBudget BUDGET = new SensorBudget(N, 0.5);

    private final TrafficSeries series = series(new Random(3));
    private final ChronologicalSplit split = ChronologicalSplit.of(STEPS);
    private final ZScore scale = ZScore.fit(series, split.trainEnd());
    private final SlidingWindows windows = new SlidingWindows(series, scale, NetworkShape.LAG, NetworkShape.HORIZON);

    @Test
    void validationMaeIsTheMeanAbsoluteErrorInDataUnitsOverExactlyTheValidationWindows() {
        float[] mask = {1, 0, 1, 0};
        SameDiff sd = graph(false);
        ForecastEvaluation evaluation = new ForecastEvaluation(sd, windows, split, scale, fixed(sd, mask), null);

        int[] starts = windows.within(split.trainEnd(), split.validationEnd());
        assertThat(starts).hasSize(137);
        assertThat(evaluation.validationMae()).isCloseTo(reference(starts, plain(sd)).average().mae(), within(1e-3));
    }

    @Test
    void testMetricsArePerHorizonStepOverExactlyTheTestWindows() {
        float[] mask = {1, 1, 0, 0};
        SameDiff sd = graph(false);
        ForecastEvaluation evaluation = new ForecastEvaluation(sd, windows, split, scale, fixed(sd, mask), null);

        ForecastMetrics test = evaluation.test();

        ForecastMetrics expected = reference(windows.within(split.validationEnd(), STEPS), plain(sd));
        assertThat(test.perHorizon()).hasSize(NetworkShape.HORIZON);
        for (int h = 0; h < NetworkShape.HORIZON; h++) {
            ForecastMetrics.HorizonMetrics got = test.perHorizon().get(h);
            ForecastMetrics.HorizonMetrics want = expected.perHorizon().get(h);
            assertThat(got.step()).isEqualTo(h + 1);
            assertThat(got.mae()).as("MAE at step %d", h + 1).isCloseTo(want.mae(), within(1e-3));
            assertThat(got.rmse()).as("RMSE at step %d", h + 1).isCloseTo(want.rmse(), within(1e-3));
            assertThat(got.mape()).as("MAPE at step %d", h + 1).isCloseTo(want.mape(), within(1e-3));
        }
        assertThat(test.average().mae()).isCloseTo(expected.average().mae(), within(1e-3));
        assertThat(test.average().rmse()).isCloseTo(expected.average().rmse(), within(1e-3));
    }

    @Test
    void aLearningMaskIsEvaluatedAsTheSelectionItMakesNowLikeTheSameMaskFixed() {
        SameDiff learning = graph(true);
        float[] start = {0.9f, 0.2f, 0.6f, 0.55f}; // the top two, sensors 0 and 2 (the clamp alone would keep 3 too)
        MaskState mask = MaskState.learned(new SensorSelector(N, BUDGET.allowed(), 1L, SensorConstraints.NONE, start),
                new MaskSchedule(0, 1), BUDGET, () -> learning.getArrForVarName(ModelParameters.RAW_MASK), start);
        mask.at(1);
        ForecastEvaluation evaluation = new ForecastEvaluation(learning, windows, split, scale, mask, null);

        SameDiff first = graph(false);
        double expectedFirst = new ForecastEvaluation(first, windows, split, scale, fixed(first, new float[] {1, 0, 1, 0}), null)
                .validationMae();
        assertThat(evaluation.validationMae()).isCloseTo(expectedFirst, within(1e-3));

        // the steps move the raw mask: the next evaluation reads the new top two, sensors 1 and 3 (below the clamp's 0.5)
        learning.getArrForVarName(ModelParameters.RAW_MASK).assign(Nd4j.createFromArray(0.3f, 0.45f, 0.2f, 0.4f));
        SameDiff second = graph(false);
        double expectedSecond = new ForecastEvaluation(second, windows, split, scale, fixed(second, new float[] {0, 1, 0, 1}), null)
                .validationMae();
        assertThat(expectedSecond).as("the two masks forecast differently").isNotCloseTo(expectedFirst, within(1e-3));
        assertThat(evaluation.validationMae()).isCloseTo(expectedSecond, within(1e-3));
    }

    @Test
    void aFittedHighwayIsAddedToTheNetworksForecastAndAnUnfittedOneIsNot() {
        float[] mask = {1, 0, 1, 0};
        SameDiff sd = graph(false);
        MaskState fixed = fixed(sd, mask);
        LinearHighway highway = new LinearHighway(windows, split, scale.std());
        ForecastEvaluation evaluation = new ForecastEvaluation(sd, windows, split, scale, fixed, highway);
        int[] validation = windows.within(split.trainEnd(), split.validationEnd());

        Function<INDArray, INDArray> network = plain(sd);
        double withoutHighway = reference(validation, network).average().mae();
        assertThat(evaluation.validationMae()).as("not fitted yet").isCloseTo(withoutHighway, within(1e-3));

        highway.refit(new int[] {0, 2}, network);
        Function<INDArray, INDArray> withHighway = x -> network.apply(x).add(highway.forecast(x, (int) x.size(2)));
        double expected = reference(validation, withHighway).average().mae();
        assertThat(expected).as("the highway changes the forecast").isNotCloseTo(withoutHighway, within(1e-3));
        assertThat(evaluation.validationMae()).isCloseTo(expected, within(1e-3));
        assertThat(evaluation.test().average().mae())
                .isCloseTo(reference(windows.within(split.validationEnd(), STEPS), withHighway).average().mae(), within(1e-3));
    }

    /** Metrics of {@code model} over the windows forecasting from {@code starts}, from the readings in data units. */
    private ForecastMetrics reference(int[] starts, Function<INDArray, INDArray> model) {
        SlidingWindows.Batch all = windows.batch(starts, 0, starts.length);
        INDArray forecast = model.apply(all.x()); // N, B, horizon, normalised
        int horizon = NetworkShape.HORIZON;
        double[] abs = new double[horizon];
        double[] sq = new double[horizon];
        double[] ape = new double[horizon];
        for (int n = 0; n < N; n++) {
            for (int b = 0; b < starts.length; b++) {
                for (int h = 0; h < horizon; h++) {
                    double actual = series.get(starts[b] + h, n);
                    double predicted = forecast.getDouble(n, b, h) * scale.std() + scale.mean();
                    double e = predicted - actual;
                    abs[h] += Math.abs(e);
                    sq[h] += e * e;
                    ape[h] += Math.abs(e) / actual; // the readings are far from zero
                }
            }
        }
        double count = (double) N * starts.length;
        List<ForecastMetrics.HorizonMetrics> steps = new ArrayList<>();
        double tAbs = 0;
        double tSq = 0;
        for (int h = 0; h < horizon; h++) {
            steps.add(new ForecastMetrics.HorizonMetrics(h + 1, abs[h] / count, Math.sqrt(sq[h] / count), 100 * ape[h] / count));
            tAbs += abs[h];
            tSq += sq[h];
        }
        return new ForecastMetrics(steps, new ForecastMetrics.HorizonMetrics(0, tAbs / (count * horizon),
                Math.sqrt(tSq / (count * horizon)), 0), 0);
    }

    /** The graph's forecast for a batch of windows, all at once (the planned runner: SameDiff's own session is slow). */
    private static Function<INDArray, INDArray> plain(SameDiff sd) {
        StaticGraphRunner runner = new StaticGraphRunner(sd, PruneGcrnGraph.FORECAST);
        return x -> runner.run(Map.of(PruneGcrnGraph.X, x)).get(PruneGcrnGraph.FORECAST).dup();
    }

    /** The same initial network each time, in arrays of its own (a graph holds the arrays it is given). */
    private SameDiff graph(boolean perSampleMask) {
        return PruneGcrnGraph.build(SHAPE, ModelParameters.initial(SHAPE, 11), scale.std(), perSampleMask);
    }

    private static MaskState fixed(SameDiff sd, float[] mask) {
        return MaskState.fixed(mask, BUDGET, () -> sd.getArrForVarName(ModelParameters.RAW_MASK));
    }

    /** Daily-like waves around 60 with noise, a different phase per sensor: readings stay far from zero. */
    private static TrafficSeries series(Random rnd) {
        float[] values = new float[STEPS * N];
        for (int t = 0; t < STEPS; t++) {
            for (int n = 0; n < N; n++) {
                values[t * N + n] = (float) (60 + 15 * Math.sin(2 * Math.PI * t / 96.0 + n) + 3 * rnd.nextGaussian());
            }
        }
        return new TrafficSeries(values, STEPS, List.of("s0", "s1", "s2", "s3"));
    }
}
