package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Early stopping: which epoch is kept, when training stops, and what a resumed run carries on from. */
class BestEpochTests {

    /** Each call snapshots "the parameters" of the epoch being recorded, so a kept snapshot names its epoch. */
    private final List<Integer> snapshots = new ArrayList<>();
    private int epoch;

    private Supplier<Map<String, INDArray>> snapshot() {
        return () -> {
            snapshots.add(epoch);
            return Map.of("w", Nd4j.scalar((float) epoch));
        };
    }

    private boolean record(BestEpoch best, int epoch, double mae, boolean withinBudget) {
        this.epoch = epoch;
        return best.record(epoch, mae, withinBudget, snapshot());
    }

    @Test
    void keepsTheEpochWithTheLowestValidationMaeAndSnapshotsOnlyImprovements() {
        BestEpoch best = new BestEpoch(10);
        assertThat(best.found()).isFalse();

        record(best, 1, 5.0, true);
        record(best, 2, 4.0, true);
        record(best, 3, 4.5, true);
        record(best, 4, 4.0, true); // a tie is no improvement: the earlier epoch stays

        assertThat(best.found()).isTrue();
        assertThat(best.epoch()).isEqualTo(2);
        assertThat(best.validationMae()).isEqualTo(4.0);
        assertThat(best.parameters().get("w").getFloat(0)).isEqualTo(2f);
        assertThat(snapshots).as("parameters copied only when an epoch improves").containsExactly(1, 2);
        assertThat(best.saved().epochsWithoutImprovement()).isEqualTo(2);
    }

    @Test
    void epochsOutsideTheBudgetAreNeverKeptAndDoNotUsePatience() {
        BestEpoch best = new BestEpoch(2);

        assertThat(record(best, 1, 1.0, false)).isFalse();
        assertThat(record(best, 2, 0.5, false)).isFalse();
        assertThat(record(best, 3, 0.1, false)).isFalse();
        assertThat(best.found()).isFalse();
        assertThat(best.saved().epochsWithoutImprovement()).isZero();

        record(best, 4, 3.0, true);
        assertThat(best.epoch()).as("the first epoch within the budget, though worse than those before").isEqualTo(4);
        assertThat(record(best, 5, 0.01, false)).isFalse();
        assertThat(best.epoch()).isEqualTo(4);
        assertThat(snapshots).containsExactly(4);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementCountedFromTheLastImprovement() {
        BestEpoch best = new BestEpoch(3);
        assertThat(record(best, 1, 5.0, true)).isFalse();
        assertThat(record(best, 2, 6.0, true)).isFalse();
        assertThat(record(best, 3, 6.0, true)).isFalse();
        assertThat(record(best, 4, 4.0, true)).as("an improvement resets the count").isFalse();
        assertThat(record(best, 5, 4.1, true)).isFalse();
        assertThat(record(best, 6, 9.0, false)).as("outside the budget: not counted").isFalse();
        assertThat(record(best, 7, 4.2, true)).isFalse();
        assertThat(record(best, 8, 4.3, true)).as("the third within-budget epoch without improvement").isTrue();
        assertThat(best.epoch()).isEqualTo(4);
    }

    @Test
    void takeSetsTheBestEpochOutrightForARunThatNeverMetItsBudget() {
        BestEpoch best = new BestEpoch(1);
        record(best, 1, 2.0, false);
        record(best, 2, 1.0, false);

        best.take(2, 1.0, Map.of("w", Nd4j.scalar(2f)));

        assertThat(best.found()).isTrue();
        assertThat(best.epoch()).isEqualTo(2);
        assertThat(best.validationMae()).isEqualTo(1.0);
        assertThat(best.parameters().get("w").getFloat(0)).isEqualTo(2f);
    }

    @Test
    void aResumedRunKeepsItsBestEpochAndItsCountTowardsPatience() {
        Map<String, INDArray> kept = Map.of("w", Nd4j.scalar(3f));
        BestEpoch best = new BestEpoch(3);
        best.restore(saved(4.0, 3, 2), kept);

        assertThat(best.found()).isTrue();
        assertThat(best.epoch()).isEqualTo(3);
        assertThat(best.parameters()).isSameAs(kept);
        assertThat(record(best, 6, 4.5, true)).as("2 + 1 epochs without improvement reach the patience").isTrue();

        BestEpoch improving = new BestEpoch(3);
        improving.restore(saved(4.0, 3, 2), kept);
        assertThat(record(improving, 6, 3.9, true)).isFalse();
        assertThat(improving.epoch()).isEqualTo(6);
        assertThat(improving.saved().epochsWithoutImprovement()).isZero();
    }

    @Test
    void aCheckpointWrittenBeforeAnyBestEpochRestoresToNone() {
        BestEpoch best = new BestEpoch(2);
        best.restore(saved(null, 0, 0), null);

        assertThat(best.found()).isFalse();
        assertThat(best.validationMae()).isEqualTo(Double.POSITIVE_INFINITY);
        record(best, 2, 100.0, true);
        assertThat(best.epoch()).as("any MAE beats none").isEqualTo(2);
    }

    private static BestEpoch.Saved saved(Double bestMae, int bestEpoch, int withoutImprovement) {
        return new BestEpoch.Saved(bestMae, bestEpoch, withoutImprovement);
    }
}
