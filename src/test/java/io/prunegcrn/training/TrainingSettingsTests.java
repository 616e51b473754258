package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TrainingSettingsTests {

    @Test
    void aConfigHoldsItsSettingsResolvedAndKeepsWhatWasGiven() {
        TrainingConfig c = TrainingConfig.of(SelectionMethod.RANDOM, 0.5, 7L, TrainingSettings.of(Map.of("epochs", "3",
                "learningRate", 0.01)));

        assertThat(c.settings().epochs()).isEqualTo(3);
        assertThat(c.settings().learningRate()).isEqualTo(0.01);
        assertThat(c.settings().batchSize()).isEqualTo(TrainingSettings.DEFAULTS.batchSize());
        assertThat(c.settings().warmupEpochs()).as("derived from the epochs by the mask schedule").isNull();
        assertThat(c.with(SelectionMethod.FULL, 1.0, 2, null).settings()).isEqualTo(c.settings());
    }

    @Test
    void thePatienceFollowsTheEpochsUnlessGiven() {
        assertThat(TrainingConfig.of(null, 0.5, null, TrainingSettings.of(Map.of("epochs", 100))).settings().patience()).isEqualTo(15);
        assertThat(TrainingConfig.of(null, 0.5, null, TrainingSettings.of(Map.of("epochs", 20))).settings().patience()).isEqualTo(5);
        assertThat(TrainingConfig.of(null, 0.5, null, TrainingSettings.of(Map.of("epochs", 5))).settings().patience()).isEqualTo(2);
        assertThat(TrainingConfig.of(null, 0.5, null, TrainingSettings.of(Map.of("epochs", 5, "patience", 9))).settings()
                .patience()).isEqualTo(9);
    }

    @Test
    void unknownNamesAndBadValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("epoch", 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("epoch:");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("batchSize", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("batchSize:");
        assertThatThrownBy(() -> TrainingConfig.of(null, 0.5, null, TrainingSettings.of(Map.of("chebK", 9))))
                .hasMessageStartingWith("chebK:");
    }
}
