package io.prunegcrn.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ZScoreTests {

    /** 4 steps × 2 sensors; the last step is far off so that using it would show. */
    private static final TrafficSeries SERIES = new TrafficSeries(new float[] {1, 2, 3, 4, 5, 6, 1000, -1000}, 4, List.of("a", "b"));

    @Test
    void meanAndStdComeFromTheTrainingStepsOnly() {
        ZScore scale = ZScore.fit(SERIES, 3);

        assertThat(scale.mean()).isEqualTo(3.5);
        assertThat(scale.std()).isCloseTo(Math.sqrt(17.5 / 6), within(1e-12));
    }

    @Test
    void theStdIsThePopulationStdNotTheSampleStd() {
        TrafficSeries series = new TrafficSeries(new float[] {2, 4, 4, 4, 5, 5, 7, 9}, 4, List.of("a", "b"));

        assertThat(ZScore.fit(series, 4)).isEqualTo(new ZScore(5.0, 2.0));
    }

    @Test
    void normalizeGivesZeroMeanAndUnitStdOverTheTrainingPart() {
        ZScore scale = ZScore.fit(SERIES, 3);

        double sum = 0;
        double sq = 0;
        for (int i = 0; i < 6; i++) {
            float z = scale.normalize(SERIES.values()[i]);
            sum += z;
            sq += z * z;
        }
        assertThat(sum / 6).isCloseTo(0, within(1e-6));
        assertThat(sq / 6).isCloseTo(1, within(1e-6));
        assertThat(scale.normalize(3.5f)).isZero();
    }

    @Test
    void denormalizeUndoesNormalize() {
        ZScore scale = new ZScore(57.3, 11.7);

        for (float v : new float[] {0f, 3.25f, 57.3f, 64.375f, 70.5f, 120f, -4f}) {
            assertThat(scale.denormalize(scale.normalize(v))).as("%s", v).isCloseTo(v, within(1e-4f));
        }
        assertThat(scale.normalize(scale.denormalize(-1.5f))).isCloseTo(-1.5f, within(1e-6f));
    }

    @Test
    void aConstantTrainingPartGivesStdOneInsteadOfDividingByZero() {
        TrafficSeries flat = new TrafficSeries(new float[] {65, 65, 65, 65, 65, 65, 10, 90}, 4, List.of("a", "b"));

        ZScore scale = ZScore.fit(flat, 3);

        assertThat(scale).isEqualTo(new ZScore(65.0, 1.0));
        assertThat(scale.normalize(65f)).isZero();
        assertThat(scale.normalize(66f)).isEqualTo(1f);
        assertThat(scale.denormalize(-2f)).isEqualTo(63f);
    }
}
