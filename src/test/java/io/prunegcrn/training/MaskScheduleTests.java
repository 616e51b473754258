package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MaskScheduleTests {

    @Test
    void defaultPhasesLeaveAtLeastOneFineTuningEpoch() {
        assertThat(schedule(5)).isEqualTo(new MaskSchedule(1, 2));
        assertThat(schedule(10)).isEqualTo(new MaskSchedule(2, 4));
        assertThat(schedule(100)).isEqualTo(new MaskSchedule(5, 10));
        assertThat(schedule(2)).isEqualTo(new MaskSchedule(0, 1));
        for (int e = 2; e <= 60; e++) {
            MaskSchedule s = schedule(e);
            assertThat(s.freezeEpoch()).as("epochs %d", e).isLessThan(e);
            assertThat(s.pruneEpochs()).isPositive();
        }
    }

    @Test
    void gammaOneAndBaselinesNeverLearnTheMask() {
        assertThat(MaskSchedule.of(TrainingConfig.defaults(SelectionMethod.PRUNEGCRN, 1.0))).isEqualTo(new MaskSchedule(0, 0));
        assertThat(MaskSchedule.of(TrainingConfig.defaults(SelectionMethod.RANDOM, 0.3))).isEqualTo(new MaskSchedule(0, 0));
    }

    @Test
    void budgetIsTheCeilingOfGammaTimesNodes() {
        assertThat(new SensorBudget(207, 0.25).allowed()).isEqualTo(52);
        assertThat(new SensorBudget(40, 0.15).allowed()).isEqualTo(6);
        assertThat(new SensorBudget(307, 1.0).allowed()).isEqualTo(307);
    }

    @Test
    void theLearnedMaskReachesTheBudgetAtTheEndOfPruningAndThenNeverFlips() {
        PlantedNetwork net = PlantedNetwork.generate(12, 3, 400, 1);
        TrainingConfig config = TrainingConfig.of(SelectionMethod.PRUNEGCRN, 0.25, 2L, TrainingSettings.of(Map.of("epochs", 5,
                "hiddenUnits", 4, "embedDim", 2, "batchSize", 64)));

        TrainingOutcome r = new PruneGcrnTrainer().train(net.dataset, config, TrainingListener.NONE, () -> false, CheckpointStore.NONE)
                .outcome();

        List<EpochRecord> curve = r.curve();
        assertThat(curve).extracting(EpochRecord::phase).containsExactly(TrainingPhase.WARMUP, TrainingPhase.PRUNING,
                TrainingPhase.PRUNING, TrainingPhase.FINE_TUNING, TrainingPhase.FINE_TUNING);
        // warm-up on random half masks; pruning anneals to the budget and never undershoots it
        assertThat(curve.get(0).sensorsKept()).isEqualTo(6);
        assertThat(curve.get(1).sensorsKept()).isBetween(3, 6);
        assertThat(curve.get(2).sensorsKept()).isEqualTo(3);
        assertThat(curve.get(3).sensorsKept()).isEqualTo(3);
        assertThat(curve.get(4).maskFlips()).isZero();
        assertThat(r.sensorsKept()).isEqualTo(r.budget()).isEqualTo(3);
        assertThat(curve.get(r.bestEpoch() - 1).withinBudget()).isTrue();
        // the kept sensors are those with the largest learned raw values
        float minKept = Float.MAX_VALUE;
        float maxDropped = -Float.MAX_VALUE;
        for (int i = 0; i < r.mask().length; i++) {
            if (r.mask()[i] == 1f) {
                minKept = Math.min(minKept, r.rawMask()[i]);
            } else {
                maxDropped = Math.max(maxDropped, r.rawMask()[i]);
            }
        }
        assertThat(minKept).isGreaterThanOrEqualTo(maxDropped);
    }

    @Test
    void baselinesKeepExactlyTheBudgetFromTheStart() {
        PlantedNetwork net = PlantedNetwork.generate(12, 3, 400, 1);
        for (SelectionMethod method : List.of(SelectionMethod.RANDOM, SelectionMethod.CORRELATION)) {
            TrainingConfig config = TrainingConfig.of(method, 0.25, 2L,
                    TrainingSettings.of(Map.of("epochs", 1, "hiddenUnits", 4, "embedDim", 2)));
            TrainingOutcome r = new PruneGcrnTrainer().train(net.dataset, config, TrainingListener.NONE, () -> false, CheckpointStore.NONE)
                    .outcome();
            assertThat(r.curve().get(0).sensorsKept()).as(method.name()).isEqualTo(3);
            assertThat(r.sensorsKept()).isEqualTo(3);
        }
    }

    private static MaskSchedule schedule(int epochs) {
        return MaskSchedule.of(TrainingConfig.of(SelectionMethod.PRUNEGCRN, 0.25, null, TrainingSettings.of(Map.of("epochs", epochs))));
    }
}
