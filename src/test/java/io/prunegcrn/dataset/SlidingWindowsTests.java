package io.prunegcrn.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SlidingWindowsTests {

    private static final int STEPS = 10;
    private static final int NODES = 3;
    private static final int LAG = 3;
    private static final int HORIZON = 2;

    /** Reading of sensor n at step t is 10·t + n; normalised with mean 20 and std 4 it is (10·t + n − 20) / 4. */
    private static final SlidingWindows WINDOWS = new SlidingWindows(series(), new ZScore(20, 4), LAG, HORIZON);

    private static TrafficSeries series() {
        float[] values = new float[STEPS * NODES];
        for (int t = 0; t < STEPS; t++) {
            for (int n = 0; n < NODES; n++) {
                values[t * NODES + n] = 10 * t + n;
            }
        }
        return new TrafficSeries(values, STEPS, List.of("a", "b", "c"));
    }

    private static float normalized(int t, int n) {
        return (10 * t + n - 20) / 4f;
    }

    private static float reading(int t, int n) {
        return 10 * t + n;
    }

    @Test
    void aWindowIsNamedByTheStepItForecastsFirstAndThereIsOneForEachStepWithRoomForLagAndHorizon() {
        assertThat(WINDOWS.lag()).isEqualTo(LAG);
        assertThat(WINDOWS.horizon()).isEqualTo(HORIZON);
        assertThat(WINDOWS.within(0, STEPS)).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(WINDOWS.within(2, 8)).containsExactly(5, 6);
        assertThat(WINDOWS.within(4, 9)).containsExactly(7);
        assertThat(WINDOWS.within(4, 8)).isEmpty();
        assertThat(WINDOWS.within(9, 2)).isEmpty();
    }

    @Test
    void theWindowsOfARangeReadFromItsFirstStepAndForecastUpToItsLast() {
        for (int from = 0; from < STEPS; from++) {
            for (int to = from; to <= STEPS; to++) {
                int[] steps = WINDOWS.within(from, to);
                for (int t : steps) {
                    assertThat(t - LAG).as("[%d, %d): first step read", from, to).isGreaterThanOrEqualTo(from);
                    assertThat(t + HORIZON).as("[%d, %d): one past the last step forecast", from, to).isLessThanOrEqualTo(to);
                }
                if (steps.length > 0) { // and no window that fits is left out
                    assertThat(steps[0]).isEqualTo(WINDOWS.firstStep(from)).isEqualTo(from + LAG);
                    assertThat(steps[steps.length - 1] + 1).isEqualTo(WINDOWS.endStep(to)).isEqualTo(to - HORIZON + 1);
                }
            }
        }
    }

    @Test
    void theWindowCountIsLengthMinusLagMinusHorizonPlusOne() {
        SlidingWindows windows = new SlidingWindows(new TrafficSeries(new float[2016 * 2], 2016, List.of("a", "b")), new ZScore(0, 1), 12, 12);

        assertThat(windows.within(0, 1209)).hasSize(1209 - 12 - 12 + 1).startsWith(12);
        assertThat(windows.within(1209, 1612)).hasSize(403 - 24 + 1).startsWith(1209 + 12).endsWith(1612 - 12);
        assertThat(windows.within(1612, 2016)).hasSize(404 - 24 + 1).endsWith(2016 - 12);
    }

    @Test
    void aBatchIsNodeMajorWithShapesNodesLagBatchOneAndNodesBatchHorizon() {
        SlidingWindows.Batch batch = WINDOWS.batch(WINDOWS.within(0, STEPS), 2, 3);

        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.x().shape()).containsExactly(NODES, LAG, 3, 1);
        assertThat(batch.y().shape()).containsExactly(NODES, 3, HORIZON);
        // windows forecasting from steps 5, 6 and 7: sensor 0, first lag step (2, 3, 4), the three windows side by side
        assertThat(batch.x().reshape(-1).toFloatVector()).startsWith(0f, 2.5f, 5f);
        // sensor 0's targets window by window (steps 5-6, 6-7, 7-8), horizon innermost
        assertThat(batch.y().reshape(-1).toFloatVector()).startsWith(7.5f, 10f, 10f, 12.5f, 12.5f, 15f);
    }

    @Test
    void batchElementsAreTheNormalisedReadingsOfTheirStepAndSensor() {
        SlidingWindows.Batch batch = WINDOWS.batch(WINDOWS.within(0, STEPS), 2, 3);
        INDArray x = batch.x();
        INDArray y = batch.y();

        // x[n, k, b, 0] = reading at step t_b − lag + k; y[n, b, h] = reading at step t_b + h
        assertThat(x.getFloat(1, 2, 0, 0)).isEqualTo(5.25f);   // step 5 − 3 + 2 = 4, sensor 1: (41 − 20) / 4
        assertThat(x.getFloat(0, 0, 2, 0)).isEqualTo(5f);      // step 7 − 3 = 4, sensor 0: (40 − 20) / 4
        assertThat(x.getFloat(2, 1, 1, 0)).isEqualTo(5.5f);    // step 6 − 3 + 1 = 4, sensor 2: (42 − 20) / 4
        assertThat(y.getFloat(0, 0, 0)).isEqualTo(7.5f);       // step 5, sensor 0: (50 − 20) / 4
        assertThat(y.getFloat(2, 1, 1)).isEqualTo(13f);        // step 6 + 1 = 7, sensor 2: (72 − 20) / 4
        assertThat(y.getFloat(1, 2, 1)).isEqualTo(15.25f);    // step 7 + 1 = 8, sensor 1: (81 − 20) / 4
        for (int b = 0; b < 3; b++) {
            int first = 5 + b;
            for (int n = 0; n < NODES; n++) {
                for (int k = 0; k < LAG; k++) {
                    assertThat(x.getFloat(n, k, b, 0)).isEqualTo(normalized(first - LAG + k, n));
                }
                for (int h = 0; h < HORIZON; h++) {
                    assertThat(y.getFloat(n, b, h)).isEqualTo(normalized(first + h, n));
                }
            }
        }
    }

    @Test
    void aBatchMayTakeAnyStepsInAnyOrder() {
        SlidingWindows.Batch batch = WINDOWS.batch(new int[] {99, 8, 3}, 1, 2);

        assertThat(batch.x().getFloat(0, 0, 0, 0)).isEqualTo(normalized(5, 0));
        assertThat(batch.x().getFloat(0, 0, 1, 0)).isEqualTo(normalized(0, 0));
        assertThat(batch.y().getFloat(2, 0, 1)).isEqualTo(normalized(9, 2));
    }

    @Test
    void batchesCutTheStepsInOrderWithAShorterLastOne() {
        int[] steps = WINDOWS.within(0, STEPS);
        List<SlidingWindows.Batch> batches = new java.util.ArrayList<>();
        WINDOWS.batches(steps, 4).forEach(batches::add);

        assertThat(batches).extracting(SlidingWindows.Batch::size).containsExactly(4, 2);
        assertThat(batches.get(1).x().reshape(-1).toFloatVector()).containsExactly(WINDOWS.batch(steps, 4, 2).x().reshape(-1).toFloatVector());
        assertThat(batches.get(1).y().reshape(-1).toFloatVector()).containsExactly(WINDOWS.batch(steps, 4, 2).y().reshape(-1).toFloatVector());
        assertThat(WINDOWS.batches(new int[0], 4)).isEmpty();
    }

    @Test
    void aSingleWindowInDataUnitsIsTheBatchOfItsStepBeforeNormalising() {
        for (int t : WINDOWS.within(0, STEPS)) {
            float[][] input = WINDOWS.input(t);
            float[][] targets = WINDOWS.targets(t);
            SlidingWindows.Batch batch = WINDOWS.batch(new int[] {t}, 0, 1);

            assertThat(input).hasDimensions(LAG, NODES);
            assertThat(targets).hasDimensions(HORIZON, NODES);
            for (int n = 0; n < NODES; n++) {
                for (int k = 0; k < LAG; k++) {
                    assertThat(input[k][n]).isEqualTo(reading(t - LAG + k, n));
                    assertThat(batch.x().getFloat(n, k, 0, 0)).isEqualTo(normalized(t - LAG + k, n));
                }
                for (int h = 0; h < HORIZON; h++) {
                    assertThat(targets[h][n]).isEqualTo(reading(t + h, n));
                    assertThat(batch.y().getFloat(n, 0, h)).isEqualTo(normalized(t + h, n));
                }
            }
        }
    }

    @Test
    void theInputOfTheWindowAfterTheSeriesEndsWithTheLastReadings() {
        float[][] input = WINDOWS.input(STEPS);

        for (int n = 0; n < NODES; n++) {
            for (int k = 0; k < LAG; k++) {
                assertThat(input[k][n]).isEqualTo(reading(STEPS - LAG + k, n));
            }
        }
    }
}
