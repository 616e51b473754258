package io.prunegcrn.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingControl;
import io.prunegcrn.training.TrainingListener;

/**
 * The random band of a sweep: per γ < 1, the linear forecaster's test MAE on many random sensor sets (draws 1…D, each
 * a seed), so that every method's row can be read against the spread of random picks. Seconds per draw, computed on
 * one background thread and stored as {@code band.json} beside the sweep; not models (they would take megabytes each).
 */
@Component
class RandomBands {

    static final String FILE = "band.json";
    private static final Logger log = LoggerFactory.getLogger(RandomBands.class);

    /**
     * @param testMaes test MAE of each draw, in draw order
     */
    record Band(double gamma, int sensors, int draws, double meanTestMae, double sdTestMae, double minTestMae,
            double maxTestMae, List<Double> testMaes) {

        static Band of(double gamma, int sensors, List<Double> maes) {
            double mean = maes.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double var = maes.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum() / Math.max(1, maes.size() - 1);
            return new Band(gamma, sensors, maes.size(), mean, Math.sqrt(var),
                    maes.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    maes.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), List.copyOf(maes));
        }
    }

    private final DataDirectory dir;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sweep-random-bands");
        t.setDaemon(true);
        return t;
    });
    private final Set<Path> underway = ConcurrentHashMap.newKeySet();

    RandomBands(DataDirectory dir) {
        this.dir = dir;
    }

    /** Starts computing the sweep's band unless it is stored or underway. */
    void computeIfMissing(Sweep sweep, TrafficDataset dataset, Path sweepDir) {
        Path file = sweepDir.resolve(FILE);
        if (Files.exists(file) || !underway.add(file)) {
            return;
        }
        worker.submit(() -> {
            try {
                List<Band> bands = new ArrayList<>();
                for (double gamma : sweep.gammas()) {
                    if (gamma >= 1.0) {
                        continue;
                    }
                    List<Double> maes = new ArrayList<>();
                    int sensors = 0;
                    for (long draw = 1; draw <= sweep.randomDrawsOrNone(); draw++) {
                        var r = new PruneGcrnTrainer().train(dataset, TrainingConfig.of(SelectionMethod.RANDOM, gamma, draw,
                                Forecaster.LINEAR, null), null, TrainingListener.NONE, TrainingControl.cancelledWhen(() -> false),
                                io.prunegcrn.training.CheckpointStore.NONE);
                        maes.add(r.test().average().mae());
                        sensors = r.sensorsKept();
                    }
                    bands.add(Band.of(gamma, sensors, maes));
                }
                if (Files.isDirectory(sweepDir)) {
                    dir.writeJson(file, bands);
                }
            } catch (RuntimeException e) {
                log.warn("sweep {}: the random band failed: {}", sweep.id(), e.getMessage());
            } finally {
                underway.remove(file);
            }
        });
    }

    /** The stored band, or an empty list until it is computed. */
    List<Band> read(Path sweepDir) {
        Path file = sweepDir.resolve(FILE);
        return Files.exists(file) ? List.of(dir.readJson(file, Band[].class)) : List.of();
    }
}
