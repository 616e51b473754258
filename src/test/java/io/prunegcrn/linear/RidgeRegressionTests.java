package io.prunegcrn.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.dataset.ZScore;

class RidgeRegressionTests {

    /** Sensor 0 a random walk; sensor 1 repeats sensor 0 three steps later; sensor 2 is noise. */
    private static TrafficSeries follower(int steps, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[steps * 3];
        double walk = 0;
        for (int t = 0; t < steps; t++) {
            walk = 0.95 * walk + rnd.nextGaussian();
            v[t * 3] = (float) walk;
            v[t * 3 + 1] = t >= 3 ? v[(t - 3) * 3] : 0f;
            v[t * 3 + 2] = (float) (3 * rnd.nextGaussian()); // about the walk's own spread
        }
        List<String> ids = new ArrayList<>(List.of("a", "b", "c"));
        return new TrafficSeries(v, steps, ids);
    }

    @Test
    void readingTheLeaderForecastsTheFollowerAlmostExactlyForItsFirstThreeSteps() {
        TrafficSeries s = follower(1500, 1);
        ChronologicalSplit split = ChronologicalSplit.of(s.steps());
        ZScore z = ZScore.fit(s, split.trainEnd());
        SlidingWindows w = new SlidingWindows(s, z, 12, 12);

        RidgeRegression.Fit fit = RidgeRegression.fit(w, split, z.std(), new int[] {0});

        assertThat(fit.validationMaeByLambda()).hasSize(RidgeRegression.PENALTIES.length);
        assertThat(fit.validationMae()).isEqualTo(fit.validationMaeByLambda().values().stream().min(Double::compare).orElseThrow());
        int[] test = w.within(split.validationEnd(), s.steps());
        SlidingWindows.Batch b = w.batch(test, 0, test.length);
        float[] f = fit.forecaster().forecastNormalized(b.x().data().asFloat(), b.size());
        float[] y = b.y().data().asFloat();
        double followerNear = 0;
        double noise = 0;
        for (int win = 0; win < b.size(); win++) {
            for (int h = 0; h < 3; h++) { // the follower's next three readings are the leader's last three
                int i = (1 * b.size() + win) * 12 + h;
                followerNear += Math.abs(f[i] - y[i]);
            }
            int j = (2 * b.size() + win) * 12;
            noise += Math.abs(f[j] - y[j]);
        }
        assertThat(followerNear / (3.0 * b.size())).as("follower, horizons 1-3 (the penalty shrinks a little)").isLessThan(0.2);
        assertThat(noise / b.size()).as("noise, unforecastable").isGreaterThan(0.5);
    }

    @Test
    void itReadsOnlyTheKeptSensorsAndSurvivesItsArraysRoundTrip() {
        TrafficSeries s = follower(800, 2);
        ChronologicalSplit split = ChronologicalSplit.of(s.steps());
        ZScore z = ZScore.fit(s, split.trainEnd());
        SlidingWindows w = new SlidingWindows(s, z, 12, 12);
        LinearForecaster f = RidgeRegression.fit(w, split, z.std(), new int[] {0, 2}).forecaster();

        SlidingWindows.Batch b = w.batch(w.within(0, 200), 0, 5);
        float[] x = b.x().data().asFloat();
        float[] changed = x.clone();
        for (int i = 12 * 5; i < 24 * 5; i++) { // sensor 1 (not kept): anything
            changed[i] = 1e3f;
        }
        assertThat(f.forecastNormalized(changed, 5)).containsExactly(f.forecastNormalized(x, 5));
        LinearForecaster back = LinearForecaster.fromArrays(f.toArrays(), 3, 12, 12);
        assertThat(back.kept()).containsExactly(0, 2);
        assertThat(back.lambda()).isCloseTo(f.lambda(), within(1e-9));
        assertThat(back.forecastNormalized(x, 5)).containsExactly(f.forecastNormalized(x, 5));
    }
}
