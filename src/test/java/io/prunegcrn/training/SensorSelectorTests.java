package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SensorSelectorTests {

    private final SensorSelector selector = new SensorSelector(40, 6, 3);

    @Test
    void theBudgetFallsFromHalfTheSensorsToGammaNOnACubicScheduleAndNeverBelow() {
        assertThat(selector.sensorsOn(-1)).isEqualTo(20);
        assertThat(selector.sensorsOn(0)).isEqualTo(20);
        assertThat(selector.sensorsOn(0.5)).isEqualTo(8); // 6 + 14 · 0.5³ = 7.75
        assertThat(selector.sensorsOn(1)).isEqualTo(6);
        int previous = Integer.MAX_VALUE;
        for (int step = 0; step <= 100; step++) {
            int k = selector.sensorsOn(step / 100.0);
            assertThat(k).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(6);
            previous = k;
        }
    }

    @Test
    void everySampleHasExactlyKtSensorsOnAndTheOffsetPutsTheClampInputOnTheRightSide() {
        float[] raw = new float[40];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (i % 7) / 7f;
        }
        int samples = 9;
        boolean[] on = new boolean[40 * samples];
        INDArray offset = selector.trainingOffset(raw, samples, 0.5, 2, 5, on);

        assertThat(offset.shape()).containsExactly(40, samples);
        for (int b = 0; b < samples; b++) {
            int count = 0;
            for (int i = 0; i < 40; i++) {
                float input = raw[i] + offset.getFloat(i, b);
                assertThat(input >= 0.5f).isEqualTo(on[b * 40 + i]);
                count += on[b * 40 + i] ? 1 : 0;
            }
            assertThat(count).as("sample %d", b).isEqualTo(selector.sensorsOn(0.5));
        }
        // the same (seed, epoch, batch) gives the same masks: a resumed run sees what the straight run saw
        boolean[] again = new boolean[40 * samples];
        assertThat(selector.trainingOffset(raw, samples, 0.5, 2, 5, again)).isEqualTo(offset);
        assertThat(again).containsExactly(on);
    }

    @Test
    void deltaRanksTheSensorWhoseAbsenceRaisesTheLossFirst() {
        SensorSelector s = new SensorSelector(10, 2, 1);
        float[] raw = new float[10];
        java.util.Arrays.fill(raw, 0.5f);
        for (int batch = 0; batch < 30; batch++) {
            int samples = 16;
            boolean[] on = new boolean[10 * samples];
            s.trainingOffset(raw, samples, -1, 0, batch, on);
            float[] loss = new float[samples];
            for (int b = 0; b < samples; b++) {
                loss[b] = on[b * 10 + 7] ? 1f : 3f; // sensor 7 matters, the others do not
            }
            s.observe(on, loss, samples, null);
        }
        int[] ranks = SensorSelector.ranks(s.delta());
        assertThat(ranks[7]).isEqualTo(1);
        assertThat(s.delta()[7]).isGreaterThan(1.5);
    }

    @Test
    void theStateACheckpointCarriesRestoresTheAverages() {
        float[] raw = {0.9f, 0.1f, 0.6f, 0.4f};
        SensorSelector s = new SensorSelector(4, 2, 1);
        s.observe(new boolean[] {true, false, true, false, false, true, false, true}, new float[] {1f, 2f}, 2, raw);
        SensorSelector copy = new SensorSelector(4, 2, 1);
        copy.importState(s.exportState());
        assertThat(copy.averageRaw()).containsExactly(s.averageRaw());
        assertThat(copy.delta()).containsExactly(s.delta());
        assertThat(copy.finalMask()).containsExactly(1f, 0f, 1f, 0f);
    }

    @Test
    void mustKeepSensorsAreOnAndMustDropSensorsOffInEverySampleInValidationAndInTheFinalMask() {
        SensorConstraints c = new SensorConstraints(java.util.Set.of(3, 17), java.util.Set.of(0, 1, 2));
        SensorSelector s = new SensorSelector(40, 6, 3, c, null);
        float[] raw = new float[40];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = i < 3 ? 1f : 0.01f * i; // the must-drop sensors look best, the must-keep ones poor
        }
        int samples = 8;
        for (double v : new double[] {-1, 0, 0.5, 1}) {
            boolean[] on = new boolean[40 * samples];
            s.trainingOffset(raw, samples, v, 1, 2, on);
            for (int b = 0; b < samples; b++) {
                int count = 0;
                for (int i = 0; i < 40; i++) {
                    count += on[b * 40 + i] ? 1 : 0;
                }
                assertThat(count).as("sample %d at v = %s", b, v).isEqualTo(s.sensorsOn(v));
                assertThat(on[b * 40 + 3] && on[b * 40 + 17]).isTrue();
                assertThat(on[b * 40] || on[b * 40 + 1] || on[b * 40 + 2]).isFalse();
            }
            float[] validation = s.selection(raw, v);
            assertThat(validation[3] + validation[17]).isEqualTo(2f);
            assertThat(validation[0] + validation[1] + validation[2]).isZero();
        }
        s.observe(new boolean[40], new float[1], 1, raw);
        float[] last = s.finalMask();
        assertThat(SensorMask.keptCount(last)).as("the budget, exactly").isEqualTo(6);
        assertThat(last[3] + last[17]).isEqualTo(2f);
        assertThat(last[0] + last[1] + last[2]).isZero();
    }

    @Test
    void noMoreSensorsAreOnThanMayBeKept() {
        SensorSelector s = new SensorSelector(10, 3, 1, new SensorConstraints(java.util.Set.of(), java.util.Set.of(0, 1, 2, 3, 4, 5, 6, 7)), null);
        assertThat(s.sensorsOn(-1)).isEqualTo(2);
        assertThat(SensorMask.keptCount(s.finalMask())).isEqualTo(2);
    }
}
