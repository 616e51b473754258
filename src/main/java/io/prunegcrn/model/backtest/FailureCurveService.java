package io.prunegcrn.model.backtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.system.DataDirectory;

/**
 * A model's failure curve: backtests of its test split with 1, 2, 5, 10 and 25 % of its retained sensors failing (a
 * few draws each), stored as {@code models/{id}/failure-curve.json}. Computed on request, not when a model is made: it
 * costs rates × draws passes over the test split (about 11 s each at N = 207 on an idle machine).
 */
@Service
public class FailureCurveService {

    public static final List<Double> RATES = List.of(0.01, 0.02, 0.05, 0.10, 0.25);
    public static final int DEFAULT_DRAWS = 3;
    private static final int MAX_DRAWS = 20;
    static final String FILE = "failure-curve.json";
    private static final Logger log = LoggerFactory.getLogger(FailureCurveService.class);

    private final BacktestService backtests;
    private final ModelRepository models;
    private final DataDirectory dir;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    FailureCurveService(BacktestService backtests, ModelRepository models, DataDirectory dir) {
        this.backtests = backtests;
        this.models = models;
        this.dir = dir;
    }

    /** The stored curve, if one was computed. */
    public Optional<FailureCurve> stored(String modelId) {
        Path file = models.directory(modelId).resolve(FILE);
        return Files.exists(file) ? Optional.of(dir.readJson(file, FailureCurve.class)) : Optional.empty();
    }

    /**
     * The curve with {@code draws} draws per share (null: {@link #DEFAULT_DRAWS}): the stored one when it has as many,
     * else computed now and stored; {@code progress} hears of every backtest.
     */
    public FailureCurve of(String modelId, Integer draws, BacktestService.Listener progress) {
        int d = draws(draws);
        synchronized (locks.computeIfAbsent(modelId, k -> new Object())) {
            Optional<FailureCurve> stored = stored(modelId).filter(c -> c.draws() == d);
            if (stored.isPresent()) {
                return stored.get();
            }
            long started = System.nanoTime();
            FailureCurve curve = compute(modelId, d, progress);
            dir.writeJson(models.directory(modelId).resolve(FILE), curve);
            log.info("failure curve of model {}: {} backtests in {} s", modelId, RATES.size() * d,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
            return curve;
        }
    }

    /** Draws per share: null is the default; refused outside [1, 20], naming the field. */
    static int draws(Integer draws) {
        int d = draws == null ? DEFAULT_DRAWS : draws;
        if (d < 1 || d > MAX_DRAWS) {
            throw new IllegalArgumentException("draws: must be in [1, " + MAX_DRAWS + "], got " + d);
        }
        return d;
    }

    private FailureCurve compute(String modelId, int draws, BacktestService.Listener progress) {
        ModelMetadata meta = models.metadata(modelId);
        List<FailureCurve.Point> points = new ArrayList<>();
        int total = RATES.size() * draws;
        int windows = 0;
        for (double rate : RATES) {
            List<Double> maes = new ArrayList<>();
            int failed = 0;
            for (long seed = 1; seed <= draws; seed++) {
                Backtest b = backtests.plan(modelId, null, null, null, SensorFailures.drawn(rate, seed));
                windows = b.windows();
                failed = b.failed().size();
                maes.add(backtests.run(b, new BacktestService.Listener() {
                }).metrics().average().mae());
                progress.progress(points.size() * draws + (int) seed, total);
            }
            points.add(FailureCurve.Point.of(rate, failed, maes));
        }
        // the model's own test metrics cover the same windows (BacktestIntegrationTests holds them equal to 1e-3)
        return new FailureCurve(modelId, meta.sensorsKept(), draws, windows, meta.outcome().test().average().mae(), points);
    }
}
