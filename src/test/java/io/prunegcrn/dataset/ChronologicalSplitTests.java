package io.prunegcrn.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ChronologicalSplitTests {

    @Test
    void losLoopsTwoThousandSixteenStepsSplitAt1209And1612() {
        ChronologicalSplit split = ChronologicalSplit.of(2016);

        assertThat(split.steps()).isEqualTo(2016);
        assertThat(split.trainEnd()).isEqualTo(1209);
        assertThat(split.validationEnd()).isEqualTo(1612);
        assertThat(split.trainSteps()).isEqualTo(1209);
        assertThat(split.validationSteps()).isEqualTo(403);
        assertThat(split.testSteps()).isEqualTo(404);
    }

    @Test
    void boundariesAreTheFloorsOfSixAndEightTenthsOfTheSteps() {
        for (int steps = 1; steps <= 20_000; steps++) {
            ChronologicalSplit split = ChronologicalSplit.of(steps);

            assertThat(split.trainEnd()).as("trainEnd of %d", steps).isEqualTo(steps * 6 / 10);
            assertThat(split.validationEnd()).as("validationEnd of %d", steps).isEqualTo(steps * 8 / 10);
            assertThat(split.trainSteps() + split.validationSteps() + split.testSteps()).isEqualTo(steps);
        }
    }

    @Test
    void pemsD4AndPemsD8StepCountsSplitAtTheFloorBoundaries() {
        assertThat(ChronologicalSplit.of(16992)).isEqualTo(new ChronologicalSplit(16992, 10195, 13593));
        assertThat(ChronologicalSplit.of(17856)).isEqualTo(new ChronologicalSplit(17856, 10713, 14284));
    }

    @Test
    void enoughStepsForAWindowInEveryPartPassThrough() {
        ChronologicalSplit split = ChronologicalSplit.of(2016);

        assertThat(split.requireWindows("los_speed.csv", 12, 12)).isSameAs(split);
    }

    @Test
    void tooFewStepsForOneWindowAreRefusedNamingTheMinimum() {
        assertThatThrownBy(() -> ChronologicalSplit.of(100).requireWindows("short.csv", 12, 12))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith("short.csv: too few steps for one window: 100 steps split 6:2:2 leave 20 in the shortest part,"
                        + " a window needs 24 (lag 12 + horizon 12); give at least ")
                .hasMessageEndingWith(" steps")
                .satisfies(e -> assertThat(((DatasetFormatException) e).line()).isZero());
    }

    @Test
    void theCheckAcceptsTheShortestSeriesWithAWindowInEveryPart() {
        // 118 steps: 70 train, 24 validation, 24 test; 117 steps: 70, 23, 24
        assertThatCode(() -> ChronologicalSplit.of(118).requireWindows("f", 12, 12)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ChronologicalSplit.of(117).requireWindows("f", 12, 12))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("leave 23 in the shortest part");
    }

    @Test
    void theNamedMinimumIsEnoughForEveryPart() {
        for (int lag = 1; lag <= 24; lag++) {
            for (int horizon = 1; horizon <= 24; horizon++) {
                int need = lag + horizon;
                String message = refusal(ChronologicalSplit.of(need), lag, horizon);
                Matcher m = Pattern.compile("give at least (\\d+) steps").matcher(message);
                assertThat(m.find()).as(message).isTrue();
                int named = Integer.parseInt(m.group(1));

                for (int steps = named; steps < named + 10; steps++) {
                    int s = steps;
                    int l = lag;
                    int h = horizon;
                    assertThatCode(() -> ChronologicalSplit.of(s).requireWindows("f", l, h))
                            .as("%d steps for lag %d + horizon %d", s, l, h).doesNotThrowAnyException();
                }
            }
        }
    }

    private static String refusal(ChronologicalSplit split, int lag, int horizon) {
        try {
            split.requireWindows("f", lag, horizon);
        } catch (DatasetFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError(split + " should be too short for lag " + lag + " + horizon " + horizon);
    }
}
