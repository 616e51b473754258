package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.prunegcrn.dataset.TrafficSeries;

class BaselineSelectionTests {

    @Test
    void randomPicksExactlyTheCountAndDependsOnlyOnTheSeed() {
        float[] a = BaselineSelection.random(50, 13, 7);
        assertThat(SensorMask.keptCount(a)).isEqualTo(13);
        assertThat(BaselineSelection.random(50, 13, 7)).containsExactly(a);
        assertThat(BaselineSelection.random(50, 13, 8)).isNotEqualTo(a);
    }

    @Test
    void correlationCoverPicksOneSensorPerCorrelatedGroup() {
        // sensors 0-2 copy one signal, 3-5 another, 6 a third: a cover of 3 takes one from each group
        int steps = 200;
        float[] v = new float[steps * 7];
        java.util.Random rnd = new java.util.Random(1);
        for (int t = 0; t < steps; t++) {
            double a = rnd.nextGaussian();
            double b = rnd.nextGaussian();
            double c = rnd.nextGaussian();
            for (int i = 0; i < 7; i++) {
                double base = i < 3 ? a : i < 6 ? b : c;
                v[t * 7 + i] = (float) (base + 0.05 * rnd.nextGaussian());
            }
        }
        TrafficSeries s = new TrafficSeries(v, steps, List.of("0", "1", "2", "3", "4", "5", "6"));

        float[] mask = BaselineSelection.correlation(s, 120, 3);

        assertThat(mask[0] + mask[1] + mask[2]).isEqualTo(1f);
        assertThat(mask[3] + mask[4] + mask[5]).isEqualTo(1f);
        assertThat(mask[6]).isEqualTo(1f);
    }

    @Test
    void topKBreaksTiesByTheAccumulatedGradient() {
        float[] raw = {1f, 1f, 1f, 0.2f};
        double[] gradientSum = {0.5, -2.0, 0.1, -9.0};

        assertThat(BaselineSelection.topK(raw, gradientSum, 2)).containsExactly(0f, 1f, 1f, 0f);
        assertThat(BaselineSelection.topK(raw, 2)).containsExactly(1f, 1f, 0f, 0f);
    }

    @Test
    void randomAndCorrelationHonourTheConstraintsAndKeepTheBudgetExactly() {
        SensorConstraints c = new SensorConstraints(java.util.Set.of(4, 9), java.util.Set.of(0, 1, 2, 3));
        for (long seed = 1; seed <= 20; seed++) {
            float[] mask = BaselineSelection.random(12, 5, seed, c);
            assertThat(SensorMask.keptCount(mask)).isEqualTo(5);
            assertThat(mask[4] + mask[9]).isEqualTo(2f);
            assertThat(mask[0] + mask[1] + mask[2] + mask[3]).isZero();
        }
        assertThat(BaselineSelection.random(50, 13, 7, SensorConstraints.NONE)).containsExactly(BaselineSelection.random(50, 13, 7));

        int steps = 100;
        float[] v = new float[steps * 12];
        java.util.Random rnd = new java.util.Random(3);
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) rnd.nextGaussian();
        }
        TrafficSeries s = new TrafficSeries(v, steps, java.util.stream.IntStream.range(0, 12).mapToObj(String::valueOf).toList());
        float[] cover = BaselineSelection.correlation(s, 60, 5, c);
        assertThat(SensorMask.keptCount(cover)).isEqualTo(5);
        assertThat(cover[4] + cover[9]).isEqualTo(2f);
        assertThat(cover[0] + cover[1] + cover[2] + cover[3]).isZero();
        assertThat(BaselineSelection.correlation(s, 60, 5, SensorConstraints.NONE)).containsExactly(BaselineSelection.correlation(s, 60, 5));
    }
}
