package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.model.ModelArchiveTestData;

class CheckpointResumeTests {

    @TempDir
    Path dir;

    private final TrafficDataset data = ModelArchiveTestData.sines(6, 200);
    private final TrainingConfig config = TrainingConfig.of(SelectionMethod.PRUNEGCRN, 0.5, null,
            TrainingSettings.of(Map.of("epochs", 3, "hiddenUnits", 4, "embedDim", 2, "batchSize", 16)));

    @Test
    void aRunPausedMidEpochResumesToTheSameModelAsAnUninterruptedRun() {
        TrainingResult straight = new PruneGcrnTrainer().train(data, config, TrainingListener.NONE, () -> false, CheckpointStore.NONE);

        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("checkpoint.zip"));
        AtomicInteger batches = new AtomicInteger();
        TrainingControl pauseAfterSixBatches = new TrainingControl() {
            @Override
            public boolean cancelRequested() {
                return false;
            }

            @Override
            public boolean pauseRequested() {
                return batches.get() >= 6;
            }
        };
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onBatch(TrainingProgress p) {
                batches.incrementAndGet();
            }
        };
        assertThatThrownBy(() -> new PruneGcrnTrainer().train(data, config, counter, pauseAfterSixBatches, store))
                .isInstanceOf(TrainingInterruptedException.class);
        assertThat(Files.exists(dir.resolve("checkpoint.zip"))).isTrue();
        assertThat(store.load().orElseThrow().state().nextBatch()).isPositive();

        TrainingResult resumed = new PruneGcrnTrainer().train(data, config, TrainingListener.NONE, () -> false, store);

        assertThat(resumed.outcome().curve()).hasSize(3);
        assertThat(resumed.outcome().mask()).containsExactly(straight.outcome().mask());
        assertThat(resumed.outcome().test().average().mae()).isCloseTo(straight.outcome().test().average().mae(), within(1e-4));
    }

    @Test
    void cancellingStopsBetweenBatches() {
        AtomicInteger batches = new AtomicInteger();
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onBatch(TrainingProgress p) {
                batches.incrementAndGet();
            }
        };
        assertThatThrownBy(() -> new PruneGcrnTrainer().train(data, config, counter, () -> batches.get() >= 2, CheckpointStore.NONE))
                .isInstanceOf(TrainingCancelledException.class);
        assertThat(batches.get()).isEqualTo(2);
    }
}
