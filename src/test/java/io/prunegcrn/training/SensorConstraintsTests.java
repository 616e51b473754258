package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SensorConstraintsTests {

    private static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f");

    @Test
    void idsBecomeIndicesAndThePickStartsFromTheMustKeepSensors() {
        SensorConstraints c = SensorConstraints.of(IDS, List.of("e", "b"), List.of("a"), 3);

        assertThat(c.mustKeep()).containsExactlyInAnyOrder(1, 4);
        assertThat(c.mustDrop()).containsExactly(0);
        assertThat(c.pick(6, 3, SensorConstraints.inOrder(6))).containsExactly(0f, 1f, 1f, 0f, 1f, 0f);
        assertThat(c.fixesAll(6)).isFalse();
        assertThat(c.available(6)).isEqualTo(5);
    }

    @Test
    void unknownIdsAnIdInBothListsAndTooManyMustKeepSensorsAreRefusedNamingTheFieldAndTheIds() {
        assertThatThrownBy(() -> SensorConstraints.of(IDS, List.of("a", "x", "y"), List.of(), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mustKeep: unknown sensors [x, y]");
        assertThatThrownBy(() -> SensorConstraints.of(IDS, List.of(), List.of("zz"), 3))
                .hasMessage("mustDrop: unknown sensors [zz]");
        assertThatThrownBy(() -> SensorConstraints.of(IDS, List.of("a", "c"), List.of("c"), 3))
                .hasMessage("mustKeep: sensors [c] are also in mustDrop");
        assertThatThrownBy(() -> SensorConstraints.of(IDS, List.of("a", "b", "c"), List.of(), 2))
                .hasMessage("mustKeep: 3 sensors [a, b, c] are more than the budget ceil(gamma*N) = 2");
    }

    @Test
    void aConfigChecksItsConstraintsAgainstItsOwnBudgetAndTheFullBaselineDropsNothing() {
        TrainingSettings two = TrainingSettings.of(Map.of("mustKeep", "a, b", "mustDrop", "f"));
        assertThat(two.mustKeep()).containsExactly("a", "b");

        assertThat(TrainingConfig.of(SelectionMethod.RANDOM, 0.34, null, two).constraintsOn(IDS).mustKeep()).hasSize(2);
        assertThatThrownBy(() -> TrainingConfig.of(SelectionMethod.RANDOM, 0.1, null, two).constraintsOn(IDS))
                .hasMessageStartingWith("mustKeep: 2 sensors [a, b] are more than the budget ceil(gamma*N) = 1");
        assertThatThrownBy(() -> TrainingConfig.of(SelectionMethod.FULL, 1.0, null, two)).hasMessageStartingWith("mustDrop:");
        assertThat(TrainingConfig.defaults(SelectionMethod.RANDOM, 0.5).settings().mustKeep()).isEmpty();
        assertThatThrownBy(() -> TrainingConfig.of(null, 0.5, null, TrainingSettings.NONE.withConstraints(List.of(" "), List.of())))
                .hasMessageStartingWith("mustKeep:");
    }
}
