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

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.SelectionStability;
import io.prunegcrn.training.SensorBudget;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingControl;
import io.prunegcrn.training.TrainingListener;

/**
 * Figures of a sweep's report that are computed on one background thread and stored beside the sweep as
 * {@code figures.json}:
 * <ul>
 * <li>the random band: per γ < 1, the linear forecaster's test MAE on many random sensor sets (draws 1…D, each a seed),
 * so that every method's row can be read against the spread of random picks (seconds per draw; not stored as models,
 * which would take megabytes each);</li>
 * <li>the stability of each deterministic selector ({@code correlation}, {@code qr}, {@code greedy}) per γ: the mean
 * Jaccard of its sets over bootstrap resamples of the training days ({@link SelectionStability}).</li>
 * </ul>
 */
@Component
class SweepFigures {

    static final String FILE = "figures.json";
    static final int RESAMPLES = 20;
    /** Readings per day at 5-minute steps: the bootstrap draws whole days. */
    static final int STEPS_PER_DAY = 288;
    private static final Logger log = LoggerFactory.getLogger(SweepFigures.class);

    /** What is stored: the bands (empty without draws) and the stabilities. */
    record Figures(List<Band> randomBands, List<Stability> stability) {
        static final Figures NONE = new Figures(List.of(), List.of());
    }

    /** @param bootstrapJaccard mean pairwise Jaccard of the method's sets over {@link #RESAMPLES} resamples of training days */
    record Stability(SelectionMethod method, double gamma, double bootstrapJaccard) {
    }

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

    SweepFigures(DataDirectory dir) {
        this.dir = dir;
    }

    /** Starts computing the sweep's figures unless they are stored or underway. */
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
                        maes.add(r.outcome().test().average().mae());
                        sensors = r.outcome().sensorsKept();
                    }
                    if (!maes.isEmpty()) {
                        bands.add(Band.of(gamma, sensors, maes));
                    }
                }
                List<Stability> stability = new ArrayList<>();
                var series = dataset.series();
                int trainEnd = ChronologicalSplit.of(series.steps()).trainEnd();
                for (SelectionMethod m : sweep.methods()) {
                    for (double gamma : sweep.gammas()) {
                        double j = gamma >= 1.0 ? Double.NaN : SelectionStability.bootstrapJaccard(m, series, trainEnd,
                                new SensorBudget(series.nodes(), gamma).allowed(), STEPS_PER_DAY, RESAMPLES, 1);
                        if (Double.isFinite(j)) {
                            stability.add(new Stability(m, gamma, j));
                        }
                    }
                }
                if (Files.isDirectory(sweepDir)) {
                    dir.writeJson(file, new Figures(bands, stability));
                }
            } catch (RuntimeException e) {
                log.warn("sweep {}: its background figures failed: {}", sweep.id(), e.getMessage());
            } finally {
                underway.remove(file);
            }
        });
    }

    /** The stored figures, or none until they are computed. */
    Figures read(Path sweepDir) {
        Path file = sweepDir.resolve(FILE);
        return Files.exists(file) ? dir.readJson(file, Figures.class) : Figures.NONE;
    }
}
