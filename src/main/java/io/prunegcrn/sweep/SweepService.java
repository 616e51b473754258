package io.prunegcrn.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.stereotype.Service;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.forecast.ModelMetadata;
import io.prunegcrn.forecast.ModelRepository;
import io.prunegcrn.job.JobStatus;
import io.prunegcrn.job.TrainingJob;
import io.prunegcrn.job.TrainingJobService;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.QueueFullException;
import io.prunegcrn.system.ResourceNotFoundException;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.SensorBudget;
import io.prunegcrn.training.TrainingConfig;

/** Starts sweeps (one job per method × γ × seed) and reports their comparison. */
@Service
class SweepService {

    static final String AREA = "sweeps";

    private final DataDirectory dir;
    private final TrainingJobService jobs;
    private final ModelRepository models;
    private final DatasetCatalog datasets;
    private final Map<String, Sweep> sweeps = new ConcurrentHashMap<>();

    public SweepService(DataDirectory dir, TrainingJobService jobs, ModelRepository models, DatasetCatalog datasets) {
        this.dir = dir;
        this.jobs = jobs;
        this.models = models;
        this.datasets = datasets;
        for (String id : dir.ids(AREA)) {
            Path file = dir.resolve(AREA, id).resolve("sweep.json");
            if (Files.exists(file)) {
                sweeps.put(id, dir.readJson(file, Sweep.class));
            }
        }
    }

    /**
     * Submits every job of the sweep. {@code template} carries the shared hyperparameters (its method and γ are
     * replaced per job). Every job is checked before any is queued, so a bad request queues nothing; if the queue
     * fills up part-way, the jobs already queued are cancelled and 429 is returned. The full baseline is the yardstick
     * of every budget, so it reads every sensor: the must-drop sensors apply to the other methods only.
     */
    public Sweep start(String datasetId, List<Double> gammas, List<SelectionMethod> methods, List<Long> seeds,
            TrainingConfig template, double kneeTolerance) {
        String id = "sweep-" + UUID.randomUUID().toString().substring(0, 12);
        List<TrainingConfig> configs = new ArrayList<>();
        for (long seed : seeds) {
            for (SelectionMethod method : methods) {
                if (method == SelectionMethod.FULL) {
                    configs.add(new TrainingConfig(method, 1.0, seed,
                            template.settings().withConstraints(template.settings().mustKeep(), List.of())));
                    continue;
                }
                for (double gamma : gammas) {
                    configs.add(template.with(method, gamma, seed));
                }
            }
        }
        configs.forEach(c -> jobs.check(datasetId, c));
        List<String> jobIds = new ArrayList<>();
        try {
            for (TrainingConfig c : configs) {
                jobIds.add(jobs.submit(datasetId, c, id).id());
            }
        } catch (QueueFullException | IllegalArgumentException e) {
            jobIds.forEach(jobs::cancel);
            throw e;
        }
        Sweep sweep = new Sweep(id, datasetId, List.copyOf(gammas), List.copyOf(methods), List.copyOf(seeds),
                template.settings().epochs(), List.copyOf(jobIds), Instant.now(), kneeTolerance);
        dir.writeJson(dir.resolve(AREA, id).resolve("sweep.json"), sweep);
        sweeps.put(id, sweep);
        return sweep;
    }

    public List<Sweep> list() {
        return sweeps.values().stream().sorted(Comparator.comparing(Sweep::createdAt).reversed()).toList();
    }

    public SweepReport report(String id) {
        return report(find(id), ModelMetadata::test);
    }

    Sweep find(String id) {
        DataDirectory.requireValidId(id);
        Sweep sweep = sweeps.get(id);
        if (sweep == null) {
            throw new ResourceNotFoundException("sweep", id);
        }
        return sweep;
    }

    /** The models of the sweep's jobs that have succeeded so far, in the sweep's job order. */
    List<String> modelIds(Sweep sweep) {
        return sweep.jobIds().stream().map(jobs::get).filter(j -> j.status() == JobStatus.SUCCEEDED)
                .map(TrainingJob::modelId).toList();
    }

    /**
     * The comparison, with each finished model's metrics taken from {@code metrics}: its test split as training
     * measured it, or a backtest's. A model without metrics there (finished after a backtest began) is left out.
     */
    SweepReport report(Sweep sweep, Function<ModelMetadata, ForecastMetrics> metrics) {
        Map<String, List<Result>> byCell = new java.util.LinkedHashMap<>();
        int done = 0;
        int nodes = datasets.find(sweep.datasetId()).map(d -> d.series().nodes()).orElse(0);
        for (String jobId : sweep.jobIds()) {
            TrainingJob job = jobs.get(jobId);
            byCell.computeIfAbsent(key(job.config().method(), job.config().gamma()), k -> new ArrayList<>());
            if (job.status().finished()) {
                done++;
            }
            if (job.status() == JobStatus.SUCCEEDED) {
                ModelMetadata m = models.metadata(job.modelId());
                nodes = m.sensorIds().size();
                ForecastMetrics measured = metrics.apply(m);
                if (measured != null) {
                    byCell.get(key(job.config().method(), job.config().gamma())).add(new Result(m, measured.average()));
                }
            }
        }
        List<SweepReport.Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Result>> cell : byCell.entrySet()) {
            String[] k = cell.getKey().split("@");
            SelectionMethod method = SelectionMethod.valueOf(k[0]);
            double gamma = Double.parseDouble(k[1]);
            List<Result> rs = cell.getValue();
            int budget = nodes == 0 ? 0 : new SensorBudget(nodes, gamma).allowed();
            if (rs.isEmpty()) {
                rows.add(new SweepReport.Row(method, gamma, budget, 0, null, null, null, null, null, null));
                continue;
            }
            double mae = rs.stream().mapToDouble(r -> r.average.mae()).average().orElseThrow();
            double var = rs.stream().mapToDouble(r -> Math.pow(r.average.mae() - mae, 2)).sum() / rs.size();
            rows.add(new SweepReport.Row(method, gamma, budget, rs.size(),
                    rs.stream().mapToDouble(r -> r.meta.sensorsKept()).average().orElseThrow(), mae, Math.sqrt(var),
                    rs.stream().mapToDouble(r -> r.average.rmse()).average().orElseThrow(),
                    rs.stream().mapToDouble(r -> r.average.mape()).average().orElseThrow(),
                    rs.size() < 2 ? null : meanPairwiseJaccard(rs)));
        }
        rows.sort(Comparator.comparing(SweepReport.Row::method).thenComparing(SweepReport.Row::gamma));
        Double fullMae = fullModelMae(rows);
        List<SweepReport.Knee> knees = sweep.methods().stream().filter(m -> m != SelectionMethod.FULL)
                .map(m -> SweepReport.Knee.of(m, rows, fullMae, sweep.kneeToleranceOrDefault())).toList();
        return new SweepReport(sweep, done, sweep.jobIds().size(), rows, fullMae, knees);
    }

    /** The full baseline's MAE if the sweep has it, else that of any method at γ = 1 (every sensor is kept there). */
    static Double fullModelMae(List<SweepReport.Row> rows) {
        return rows.stream().filter(r -> r.testMae() != null && r.gamma() == 1.0)
                .sorted(Comparator.comparing(r -> r.method() != SelectionMethod.FULL))
                .map(SweepReport.Row::testMae).findFirst().orElse(null);
    }

    /** Mean Jaccard similarity |A∩B| / |A∪B| over every pair of kept sets. */
    static double meanPairwiseJaccard(List<Result> rs) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < rs.size(); i++) {
            for (int j = i + 1; j < rs.size(); j++) {
                sum += jaccard(rs.get(i).kept, rs.get(j).kept);
                pairs++;
            }
        }
        return sum / pairs;
    }

    static double jaccard(Set<Integer> a, Set<Integer> b) {
        Set<Integer> union = new LinkedHashSet<>(a);
        union.addAll(b);
        if (union.isEmpty()) {
            return 1;
        }
        long common = a.stream().filter(b::contains).count();
        return (double) common / union.size();
    }

    private static String key(SelectionMethod method, double gamma) {
        return method.name() + "@" + gamma;
    }

    static final class Result {
        final ModelMetadata meta;
        final ForecastMetrics.HorizonMetrics average;
        final Set<Integer> kept;

        Result(ModelMetadata meta, ForecastMetrics.HorizonMetrics average) {
            this.meta = meta;
            this.average = average;
            this.kept = new LinkedHashSet<>(meta.sensorMask().kept());
        }
    }
}
