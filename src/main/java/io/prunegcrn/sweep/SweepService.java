package io.prunegcrn.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.job.JobStatus;
import io.prunegcrn.job.TrainingJob;
import io.prunegcrn.job.TrainingJobService;
import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.QueueFullException;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.system.ResourceNotFoundException;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.SensorBudget;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingSettings;

/**
 * Starts sweeps and reports their comparison. Train once, prune many: every pruned network of a sweep starts from one
 * full network of the dataset and shape (reused when one exists, else trained first by the sweep), so its jobs only
 * learn the mask and fine-tune. Jobs that wait for that full network are stored with the sweep and queued when its
 * job has made it (also after a restart).
 */
@Service
class SweepService {

    static final String AREA = "sweeps";
    private static final Logger log = LoggerFactory.getLogger(SweepService.class);

    private final DataDirectory dir;
    private final TrainingJobService jobs;
    private final ModelRepository models;
    private final DatasetCatalog datasets;
    private final SweepFigures figures;
    private final Map<String, Sweep> sweeps = new ConcurrentHashMap<>();

    SweepService(DataDirectory dir, TrainingJobService jobs, ModelRepository models, DatasetCatalog datasets,
            SweepFigures figures) {
        this.dir = dir;
        this.jobs = jobs;
        this.models = models;
        this.datasets = datasets;
        this.figures = figures;
        for (String id : dir.ids(AREA)) {
            Path file = dir.resolve(AREA, id).resolve("sweep.json");
            if (Files.exists(file)) {
                Sweep sweep = dir.readJson(file, Sweep.class);
                sweeps.put(id, sweep);
                resume(sweep);
            }
        }
    }

    /**
     * Checks and queues the sweep. A bad warm start or setting is a 400 naming the field, a full queue 429; in both
     * cases nothing stays queued. The full model is the yardstick of every budget, so it reads every sensor: the
     * must-drop sensors apply to the pruned models only.
     */
    Sweep start(SweepSpec spec) {
        String id = "sweep-" + UUID.randomUUID().toString().substring(0, 12);
        String warmStart = null;
        if (spec.forecasters().contains(Forecaster.NETWORK) && !SweepSpec.NONE.equals(spec.warmStart())
                && spec.methods().stream().anyMatch(m -> m != SelectionMethod.FULL) && spec.gammas().stream().anyMatch(g -> g < 1)) {
            warmStart = SweepSpec.AUTO.equals(spec.warmStart()) ? reusableFullNetwork(spec).orElse(null) : spec.warmStart();
        }
        boolean train = warmStart == null && !SweepSpec.NONE.equals(spec.warmStart());
        List<TrainingConfig> now = new ArrayList<>();
        List<TrainingConfig> pruned = new ArrayList<>();
        for (long seed : spec.seeds()) {
            for (Forecaster f : spec.forecasters()) {
                if (f == Forecaster.LINEAR || warmStart == null) {
                    // a reused full network stands for these
                    now.add(readingEverySensor(spec.template()).with(SelectionMethod.FULL, 1.0, seed, f));
                }
                for (SelectionMethod method : spec.methods()) {
                    for (double gamma : spec.gammas()) {
                        if (method == SelectionMethod.FULL || gamma >= 1.0
                                || f == Forecaster.LINEAR && method == SelectionMethod.PRUNEGCRN) {
                            continue; // every selector keeps every sensor at γ = 1: the full model is that row
                        }
                        (f == Forecaster.NETWORK ? pruned : now).add(spec.template().with(method, gamma, seed, f));
                    }
                }
            }
        }
        now.sort(Comparator.comparing(c -> c.forecaster() == Forecaster.NETWORK)); // linear ones first: seconds each
        train &= !pruned.isEmpty();
        for (TrainingConfig c : concat(now, pruned)) {
            jobs.check(spec.datasetId(), withWarmStart(c, train ? null : warmStart)); // 400 before anything is queued
        }
        List<String> jobIds = new ArrayList<>();
        String warmStartJob = null;
        try {
            for (TrainingConfig c : now) {
                TrainingJob job = jobs.submit(spec.datasetId(), c, id);
                jobIds.add(job.id());
                if (train && warmStartJob == null && c.forecaster() == Forecaster.NETWORK) {
                    warmStartJob = job.id(); // the first seed's full network: the model id is the job id
                }
            }
            if (!train) {
                for (TrainingConfig c : pruned) {
                    jobIds.add(jobs.submit(spec.datasetId(), withWarmStart(c, warmStart), id).id());
                }
            }
        } catch (QueueFullException | IllegalArgumentException e) {
            jobIds.forEach(jobs::cancel);
            throw e;
        }
        Sweep sweep = new Sweep(id, spec.datasetId(), List.copyOf(spec.gammas()), List.copyOf(spec.methods()),
                List.copyOf(spec.seeds()), spec.template().settings().epochs(), List.copyOf(jobIds), Instant.now(),
                spec.kneeTolerance(), List.copyOf(spec.forecasters()), spec.randomDraws(), train ? warmStartJob : warmStart,
                warmStartJob, train ? List.copyOf(pruned) : List.of(), null);
        save(sweep);
        resume(sweep);
        return sweep;
    }

    /** Queues the jobs waiting for the warm start once its job has made it, and computes a missing random band. */
    private void resume(Sweep sweep) {
        if (!sweep.waitingOrNone().isEmpty()) {
            try {
                jobs.whenFinished(sweep.warmStartJob(), job -> release(sweep.id(), job));
            } catch (ResourceNotFoundException e) {
                update(sweep.released(List.of(), "its warm start job " + sweep.warmStartJob() + " is gone"));
            }
        }
        datasets.find(sweep.datasetId()).ifPresent(d -> figures.computeIfMissing(sweep, d, dir.resolve(AREA, sweep.id())));
    }

    private synchronized void release(String sweepId, TrainingJob warm) {
        Sweep sweep = sweeps.get(sweepId);
        if (sweep == null || sweep.waitingOrNone().isEmpty()) {
            return; // deleted, or released already
        }
        if (warm.status() != JobStatus.SUCCEEDED) {
            update(sweep.released(List.of(), "its full network (job " + warm.id() + ") " + warm.status()
                    + ", so the pruned networks that start from it were not queued"));
            return;
        }
        List<String> queued = new ArrayList<>();
        for (TrainingConfig c : sweep.waitingOrNone()) {
            try {
                queued.add(jobs.submit(sweep.datasetId(), withWarmStart(c, warm.modelId()), sweepId).id());
            } catch (RuntimeException e) {
                log.warn("sweep {}: could not queue a pruned job: {}", sweepId, e.getMessage());
                update(sweep.released(queued, "only " + queued.size() + " of " + sweep.waitingOrNone().size()
                        + " pruned networks were queued: " + e.getMessage()));
                return;
            }
        }
        update(sweep.released(queued, null));
    }

    /** The newest full network of the sweep's dataset and shape, if one exists. */
    private Optional<String> reusableFullNetwork(SweepSpec spec) {
        return models.list().stream()
                .filter(m -> m.datasetId().equals(spec.datasetId()) && m.config().method() == SelectionMethod.FULL
                        && m.config().forecaster() == Forecaster.NETWORK
                        && PruneGcrnTrainer.shapeFor(m.shape().nodes(), spec.template()).equals(m.shape()))
                .map(ModelMetadata::id).findFirst();
    }

    private static TrainingConfig withWarmStart(TrainingConfig c, String modelId) {
        if (c.forecaster() != Forecaster.NETWORK || c.gamma() >= 1.0 || modelId == null) {
            return c;
        }
        return new TrainingConfig(c.method(), c.gamma(), c.seed(), c.forecaster(),
                c.settings().with(Map.of("warmStart", modelId)));
    }

    /** The template without must-drop sensors (the must-keep ones hold anyway when every sensor is read). */
    private static TrainingConfig readingEverySensor(TrainingConfig template) {
        TrainingSettings s = template.settings();
        return new TrainingConfig(template.method(), template.gamma(), template.seed(), template.forecaster(),
                s.withConstraints(s.mustKeep(), List.of()));
    }

    private static List<TrainingConfig> concat(List<TrainingConfig> a, List<TrainingConfig> b) {
        List<TrainingConfig> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void save(Sweep sweep) {
        dir.writeJson(dir.resolve(AREA, sweep.id()).resolve("sweep.json"), sweep);
        sweeps.put(sweep.id(), sweep);
    }

    private void update(Sweep sweep) {
        if (sweeps.containsKey(sweep.id())) {
            save(sweep);
        }
    }

    /** Newest first; read from the data directory, so sweeps another replica started or deleted count too. */
    public List<Sweep> list() {
        List<String> ids = dir.ids(AREA);
        sweeps.keySet().retainAll(ids);
        return ids.stream().map(this::read).filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(Sweep::createdAt).reversed()).toList();
    }

    /** The sweep's record: cached, or read from disk (null when there is none). */
    private Sweep read(String id) {
        Sweep known = sweeps.get(id);
        if (known != null) {
            return known;
        }
        Path file = dir.resolve(AREA, id).resolve("sweep.json");
        if (!Files.exists(file)) {
            return null;
        }
        Sweep sweep = dir.readJson(file, Sweep.class);
        sweeps.put(id, sweep);
        return sweep;
    }

    /** True while one of its jobs is queued or running. */
    boolean active(Sweep sweep) {
        return sweep.jobIds().stream().map(jobs::get).anyMatch(j -> !j.status().finished());
    }

    /** Cancels every job of the sweep that is still queued or running (one that finishes meanwhile stays finished). */
    void cancel(Sweep sweep) {
        for (String jobId : sweep.jobIds()) {
            if (!jobs.get(jobId).status().finished()) {
                try {
                    jobs.cancel(jobId);
                } catch (ResourceConflictException finishedMeanwhile) {
                    // it finished between the look and the cancel: nothing left to stop
                }
            }
        }
    }

    /** Deletes a finished sweep: its record and its jobs' records (their models stay); 409 while a job is active. */
    void delete(Sweep sweep) {
        if (active(sweep)) {
            throw new ResourceConflictException("sweep '" + sweep.id() + "' still has queued or running jobs; cancel it first");
        }
        for (String jobId : sweep.jobIds()) {
            jobs.deleteRecord(jobId, sweep.id());
        }
        sweeps.remove(sweep.id());
        DataDirectory.deleteRecursively(dir.resolve(AREA, sweep.id()));
    }

    public SweepReport report(String id) {
        return report(find(id), m -> m.outcome().test());
    }

    Sweep find(String id) {
        DataDirectory.requireValidId(id);
        Sweep sweep = read(id);
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
        Map<String, List<Result>> byCell = new LinkedHashMap<>();
        List<TrainingJob> sweepJobs = sweep.jobIds().stream().map(jobs::get).toList();
        int nodes = datasets.find(sweep.datasetId()).map(d -> d.series().nodes()).orElse(0);
        List<Result> networks = new ArrayList<>();
        boolean ownFullNetwork = sweepJobs.stream().anyMatch(j -> j.config().method() == SelectionMethod.FULL
                && j.config().forecaster() == Forecaster.NETWORK);
        if (!ownFullNetwork && sweep.warmStart() != null && sweep.warmStartJob() == null) {
            models.find(sweep.warmStart()).ifPresent(m -> { // the reused full network is the sweep's full row
                ForecastMetrics measured = metrics.apply(m);
                if (measured != null) {
                    byCell.computeIfAbsent(key(m.config()), k -> new ArrayList<>()).add(new Result(m, measured.average()));
                }
            });
        }
        for (TrainingJob job : sweepJobs) {
            TrainingConfig c = job.config();
            byCell.computeIfAbsent(key(c), k -> new ArrayList<>());
            if (job.status() == JobStatus.SUCCEEDED) {
                ModelMetadata m = models.metadata(job.modelId());
                nodes = m.sensorIds().size();
                ForecastMetrics measured = metrics.apply(m);
                if (measured != null) {
                    Result r = new Result(m, measured.average());
                    byCell.get(key(c)).add(r);
                    if (c.forecaster() == Forecaster.NETWORK) {
                        networks.add(r);
                    }
                }
            }
        }
        for (TrainingConfig c : sweep.waitingOrNone()) {
            byCell.computeIfAbsent(key(c), k -> new ArrayList<>());
        }
        List<SweepReport.Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Result>> cell : byCell.entrySet()) {
            String[] k = cell.getKey().split("@");
            Forecaster forecaster = Forecaster.valueOf(k[0]);
            SelectionMethod method = SelectionMethod.valueOf(k[1]);
            double gamma = Double.parseDouble(k[2]);
            rows.add(SweepReport.Row.of(forecaster, method, gamma, nodes == 0 ? 0 : new SensorBudget(nodes, gamma).allowed(),
                    cell.getValue()));
        }
        rows.sort(Comparator.comparing(SweepReport.Row::forecaster).thenComparing(SweepReport.Row::method)
                .thenComparing(SweepReport.Row::gamma));
        List<SweepReport.Knee> knees = new ArrayList<>();
        for (Forecaster f : sweep.forecastersOrDefault()) {
            Double fullMae = fullModelMae(rows, f);
            for (SelectionMethod m : sweep.methods()) {
                if (m != SelectionMethod.FULL && !(f == Forecaster.LINEAR && m == SelectionMethod.PRUNEGCRN)) {
                    knees.add(SweepReport.Knee.of(f, m, rows, fullMae, sweep.kneeToleranceOrDefault()));
                }
            }
        }
        return new SweepReport(sweep, SweepProgress.of(sweepJobs, sweep.waitingOrNone().size(), jobs.parallelJobs()), rows,
                fullModelMae(rows, Forecaster.NETWORK), fullModelMae(rows, Forecaster.LINEAR), knees,
                SweepReport.Recommendation.perGamma(networks), figures.read(dir.resolve(AREA, sweep.id())));
    }

    /** The full model's mean test MAE under a forecaster, if the sweep has it. */
    static Double fullModelMae(List<SweepReport.Row> rows, Forecaster forecaster) {
        return rows.stream().filter(r -> r.testMae() != null && r.gamma() == 1.0 && r.forecaster() == forecaster)
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

    private static String key(TrainingConfig c) {
        return c.forecaster().name() + "@" + c.method().name() + "@" + c.gamma();
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
