package io.prunegcrn.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.prunegcrn.dataset.BundledDatasets;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.model.ModelArchive;

/** Research probe: trains Los-loop's network on a given sensor set (ids, comma-separated) from a warm start. */
public final class FixedSetProbe {
    public static void main(String[] args) {
        TrafficDataset d = BundledDatasets.losLoop();
        List<String> ids = d.series().sensorIds();
        List<String> keep = List.of(args[0].split(","));
        float[] mask = new float[ids.size()];
        keep.forEach(id -> mask[ids.indexOf(id)] = 1f);
        int epochs = Integer.parseInt(args[2]);
        TrainingConfig c = TrainingConfig.of(SelectionMethod.RANDOM, keep.size() / (double) ids.size(), 1L,
                TrainingSettings.of(Map.of("epochs", epochs)));
        TrainingOutcome r = new PruneGcrnTrainer().trainWithFixedMask(d, c, ModelArchive.loadParameters(Path.of(args[1])), mask)
                .outcome();
        r.curve().forEach(e -> System.out.printf(Locale.ROOT, "epoch=%d val_mae=%.4f%n", e.epoch(), e.validationMae()));
        System.out.printf(Locale.ROOT, "result=test horizon=avg mae=%.4f kept=%d best_epoch=%d%n", r.test().average().mae(),
                r.sensorsKept(), r.bestEpoch());
    }
}
