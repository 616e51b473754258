package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * On a network where 6 of 40 sensors drive the rest, the learned mask at γ = 6/40 must beat a random pick of
 * the same size trained the same way, and keep more drivers than a random pick does on average (γ × 6 = 0.9).
 */
class PlantedSelectionTests {

    private static final int EPOCHS = 6;

    @Test
    void theLearnedMaskBeatsARandomPickAndKeepsDrivers() {
        PlantedNetwork net = PlantedNetwork.generate(40, 6, 1200, 42);
        TrainingConfig base = TrainingConfig.defaults(SelectionMethod.PRUNEGCRN, 0.15).withEpochs(EPOCHS).withSeed(3)
                .withNetwork(16, 4).withBatchSize(128);

        TrainingResult learned = train(net, base);
        TrainingResult random = train(net, new TrainingConfig(SelectionMethod.RANDOM, 0.15, base.epochs(), base.batchSize(),
                base.learningRate(), base.maskLearningRate(), base.patience(), base.seed(), base.hiddenUnits(), base.embedDim(),
                base.chebK(), null, null));

        assertThat(learned.sensorsKept()).isEqualTo(6);
        assertThat(random.sensorsKept()).isEqualTo(6);
        assertThat(net.driversKept(learned.mask())).as("drivers kept by the learned mask").isGreaterThanOrEqualTo(2);
        assertThat(learned.test().average().mae()).as("learned vs random test MAE").isLessThan(random.test().average().mae());
    }

    private static TrainingResult train(PlantedNetwork net, TrainingConfig config) {
        return new PruneGcrnTrainer().train(net.dataset, config, TrainingListener.NONE, () -> false, CheckpointStore.NONE);
    }
}
