package io.prunegcrn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.training.CheckpointStore;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingListener;
import io.prunegcrn.training.TrainingResult;
import io.prunegcrn.training.TrainingSettings;

/** Backtests forecast batches of windows, the forecast endpoint single windows in data units: the numbers must agree. */
class TrainedModelWindowsTests {

    @TempDir
    Path dir;

    @Test
    void aBatchCutByTheModelsWindowsForecastsBitForBitAsItsWindowsInDataUnits() {
        TrafficDataset data = ModelArchiveTests.sines(6, 150);
        TrainingResult result = new PruneGcrnTrainer().train(data,
                TrainingConfig.of(SelectionMethod.PRUNEGCRN, 0.5, null,
                        TrainingSettings.of(Map.of("epochs", 1, "hiddenUnits", 4, "embedDim", 2, "batchSize", 32))),
                TrainingListener.NONE, () -> false, CheckpointStore.NONE);
        TrainedModel saved = ModelArchive.save(dir.resolve("m"), ModelArchive.metadataOf("m", data, result), result);

        for (TrainedModel model : List.of(saved, saved.withSensors(new float[] {1, 0, 1, 1, 0, 1}))) {
            SlidingWindows windows = model.metadata().windows(data.series());
            int[] steps = windows.within(100, 150);
            List<float[][]> inputs = new ArrayList<>();
            for (int t : steps) {
                inputs.add(windows.input(t));
            }

            List<float[][]> batched = model.forecast(windows.batch(steps, 0, steps.length).x());
            List<float[][]> single = model.forecast(inputs);

            assertThat(batched).hasSize(steps.length);
            for (int b = 0; b < steps.length; b++) {
                for (int h = 0; h < windows.horizon(); h++) {
                    assertThat(batched.get(b)[h]).as("step %d, horizon %d", steps[b], h + 1).containsExactly(single.get(b)[h]);
                }
            }
        }
    }
}
