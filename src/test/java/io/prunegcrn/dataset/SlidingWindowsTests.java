package io.prunegcrn.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void thereIsOneWindowPerStartThatLeavesRoomForLagAndHorizon() {
        assertThat(WINDOWS.lag()).isEqualTo(LAG);
        assertThat(WINDOWS.horizon()).isEqualTo(HORIZON);
        assertThat(WINDOWS.starts(0, STEPS)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(WINDOWS.starts(2, 8)).containsExactly(2, 3);
        assertThat(WINDOWS.starts(4, 9)).containsExactly(4);
        assertThat(WINDOWS.starts(4, 8)).isEmpty();
        assertThat(WINDOWS.starts(9, 2)).isEmpty();
    }

    @Test
    void theWindowCountIsLengthMinusLagMinusHorizonPlusOne() {
        SlidingWindows windows = new SlidingWindows(new TrafficSeries(new float[2016 * 2], 2016, List.of("a", "b")), new ZScore(0, 1), 12, 12);

        assertThat(windows.starts(0, 1209)).hasSize(1209 - 12 - 12 + 1);
        assertThat(windows.starts(1209, 1612)).hasSize(403 - 24 + 1).startsWith(1209).endsWith(1612 - 24);
        assertThat(windows.starts(1612, 2016)).hasSize(404 - 24 + 1).endsWith(2016 - 24);
    }

    @Test
    void aBatchIsNodeMajorWithShapesNodesLagBatchOneAndNodesBatchHorizon() {
        SlidingWindows.Batch batch = WINDOWS.batch(WINDOWS.starts(0, STEPS), 2, 3);

        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.x().shape()).containsExactly(NODES, LAG, 3, 1);
        assertThat(batch.y().shape()).containsExactly(NODES, 3, HORIZON);
        // windows start at steps 2, 3 and 4: sensor 0, first lag step, the three windows side by side
        assertThat(batch.x().reshape(-1).toFloatVector()).startsWith(0f, 2.5f, 5f);
        // sensor 0's targets window by window (steps 5-6, 6-7, 7-8), horizon innermost
        assertThat(batch.y().reshape(-1).toFloatVector()).startsWith(7.5f, 10f, 10f, 12.5f, 12.5f, 15f);
    }

    @Test
    void batchElementsAreTheNormalisedReadingsOfTheirStepAndSensor() {
        SlidingWindows.Batch batch = WINDOWS.batch(WINDOWS.starts(0, STEPS), 2, 3);
        INDArray x = batch.x();
        INDArray y = batch.y();

        // x[n, t, b, 0] = reading at step start_b + t; y[n, b, h] = reading at step start_b + lag + h
        assertThat(x.getFloat(1, 2, 0, 0)).isEqualTo(5.25f);   // step 2 + 2 = 4, sensor 1: (41 − 20) / 4
        assertThat(x.getFloat(0, 0, 2, 0)).isEqualTo(5f);      // step 4, sensor 0: (40 − 20) / 4
        assertThat(x.getFloat(2, 1, 1, 0)).isEqualTo(5.5f);    // step 3 + 1 = 4, sensor 2: (42 − 20) / 4
        assertThat(y.getFloat(0, 0, 0)).isEqualTo(7.5f);       // step 2 + 3 = 5, sensor 0: (50 − 20) / 4
        assertThat(y.getFloat(2, 1, 1)).isEqualTo(13f);        // step 3 + 3 + 1 = 7, sensor 2: (72 − 20) / 4
        assertThat(y.getFloat(1, 2, 1)).isEqualTo(15.25f);    // step 4 + 3 + 1 = 8, sensor 1: (81 − 20) / 4
        for (int b = 0; b < 3; b++) {
            int start = 2 + b;
            for (int n = 0; n < NODES; n++) {
                for (int t = 0; t < LAG; t++) {
                    assertThat(x.getFloat(n, t, b, 0)).isEqualTo(normalized(start + t, n));
                }
                for (int h = 0; h < HORIZON; h++) {
                    assertThat(y.getFloat(n, b, h)).isEqualTo(normalized(start + LAG + h, n));
                }
            }
        }
    }

    @Test
    void aBatchMayTakeAnyStartsInAnyOrder() {
        SlidingWindows.Batch batch = WINDOWS.batch(new int[] {99, 5, 0}, 1, 2);

        assertThat(batch.x().getFloat(0, 0, 0, 0)).isEqualTo(normalized(5, 0));
        assertThat(batch.x().getFloat(0, 0, 1, 0)).isEqualTo(normalized(0, 0));
        assertThat(batch.y().getFloat(2, 0, 1)).isEqualTo(normalized(9, 2));
    }

    @Test
    void theInputBeforeAStepIsTheInputOfTheWindowStartingLagStepsEarlier() {
        for (int end = LAG; end <= STEPS - HORIZON; end++) {
            INDArray expected = WINDOWS.batch(new int[] {end - LAG}, 0, 1).x();

            INDArray input = WINDOWS.inputBefore(end);

            assertThat(input.shape()).containsExactly(NODES, LAG, 1, 1);
            assertThat(input.reshape(-1).toFloatVector()).as("end %d", end).containsExactly(expected.reshape(-1).toFloatVector());
        }
    }

    @Test
    void theInputBeforeTheLastStepEndsWithTheLastReadings() {
        INDArray input = WINDOWS.inputBefore(STEPS);

        for (int n = 0; n < NODES; n++) {
            for (int t = 0; t < LAG; t++) {
                assertThat(input.getFloat(n, t, 0, 0)).isEqualTo(normalized(STEPS - LAG + t, n));
            }
        }
    }

    @Test
    void anInputBeforeAStepOutsideTheSeriesIsRefused() {
        assertThatThrownBy(() -> WINDOWS.inputBefore(LAG - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step must be in [3, 10], got 2");
        assertThatThrownBy(() -> WINDOWS.inputBefore(STEPS + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 11");
    }
}
