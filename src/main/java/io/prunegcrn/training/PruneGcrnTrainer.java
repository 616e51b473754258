package io.prunegcrn.training;

import static io.prunegcrn.network.NetworkShape.HORIZON;
import static io.prunegcrn.network.NetworkShape.LAG;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.linear.LinearForecaster;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.PruneGcrnGraph;

/**
 * Trains a PruneGCRN graph on a dataset: Adam on the network, Adam with its own learning rate on the raw
 * mask (clamped to [0, 1] after every update) while the {@link MaskSchedule} lets it learn, early stopping
 * on validation MAE counted only over epochs within the sensor budget, checkpoints after every epoch. The parts:
 * {@link MaskState} (the mask's phases, selection and freezing), {@link ForecastEvaluation} (validation and test),
 * {@link BestEpoch} (early stopping) and {@link TrainingCheckpoint} (what a resumed run needs). What stays here
 * (about 260 lines) is the epoch loop with pause, resume and progress, kept in one piece so that it reads top to
 * bottom as MODEL.md's training procedure.
 */
public final class PruneGcrnTrainer {

    /** The raw mask's Adam averages its noisy gradient over ~100 steps. */
    private static final double MASK_BETA1 = 0.99;

    public TrainingResult train(TrafficDataset dataset, TrainingConfig config, TrainingListener listener,
            BooleanSupplier cancelled, CheckpointStore checkpoints) {
        return train(dataset, config, listener, TrainingControl.cancelledWhen(cancelled), checkpoints);
    }

    /**
     * Trains, resuming from the store's checkpoint if there is one.
     *
     * @throws TrainingCancelledException   when the control cancels (between batches)
     * @throws TrainingInterruptedException when the control pauses: a checkpoint of the batch reached is saved first
     */
    public TrainingResult train(TrafficDataset dataset, TrainingConfig config, TrainingListener listener,
            TrainingControl control, CheckpointStore checkpoints) {
        return train(dataset, config, null, listener, control, checkpoints);
    }

    /**
     * As {@link #train(TrafficDataset, TrainingConfig, TrainingListener, TrainingControl, CheckpointStore)}, starting
     * from the network weights of {@code warmStart} (a trained model's parameters: every array but the raw mask; null:
     * the seeded initialisation). A run resumed from a checkpoint continues from the checkpoint instead.
     *
     * @throws IllegalArgumentException ("warmStart: ...") when the warm start's arrays do not fit this network
     */
    public TrainingResult train(TrafficDataset dataset, TrainingConfig config, ModelParameters warmStart,
            TrainingListener listener, TrainingControl control, CheckpointStore checkpoints) {
        if (config.forecaster() == Forecaster.LINEAR) {
            return LinearTraining.train(dataset, config); // seconds: no epochs, checkpoints or warm start
        }
        return new Run(dataset, config, warmStart, listener, control, checkpoints, null).execute();
    }

    /** Trains with the mask frozen at {@code mask} from the start (oracles and fixed picks in benchmarks). */
    TrainingResult trainWithFixedMask(TrafficDataset dataset, TrainingConfig config, float[] mask) {
        return trainWithFixedMask(dataset, config, null, mask);
    }

    /** As {@link #trainWithFixedMask(TrafficDataset, TrainingConfig, float[])}, from a warm start (null: none). */
    TrainingResult trainWithFixedMask(TrafficDataset dataset, TrainingConfig config, ModelParameters warmStart, float[] mask) {
        return new Run(dataset, config, warmStart, TrainingListener.NONE, TrainingControl.cancelledWhen(() -> false),
                CheckpointStore.NONE, mask).execute();
    }

    /** The network shape a config gives on a dataset. */
    public static NetworkShape shapeFor(int nodes, TrainingConfig config) {
        return new NetworkShape(nodes, 1, config.settings().hiddenUnits(), 2, config.settings().chebK(),
                config.settings().embedDim(), LAG, HORIZON);
    }

    /** One training run: the epoch loop, the best epoch, checkpoints and progress. */
    private static final class Run {
        private final TrainingConfig config;
        private final TrainingSettings settings;
        private final TrainingListener listener;
        private final TrainingControl control;
        private final CheckpointStore checkpoints;
        private final TrafficSeries series;
        private final NetworkShape shape;
        private final ChronologicalSplit split;
        private final ZScore scale;
        private final SlidingWindows windows;
        private final SensorBudget budget;
        private final SensorConstraints constraints;
        private final SameDiff sd;
        private final GradientStep stepper;
        private final MaskState mask;
        private final ForecastEvaluation evaluation;
        private final LinearHighway highway;
        private final BestEpoch best;
        private final List<EpochRecord> history = new ArrayList<>();
        private final long started = System.nanoTime();

        private int startEpoch;
        private int startBatch;
        private double resumedLoss;
        private float[] resumedEpochStartMask;
        private int batchesDone;

        Run(TrafficDataset dataset, TrainingConfig config, ModelParameters warmStart, TrainingListener listener,
                TrainingControl control, CheckpointStore checkpoints, float[] fixedMask) {
            this.config = config;
            this.settings = config.settings();
            this.listener = listener;
            this.control = control;
            this.checkpoints = checkpoints;
            this.series = dataset.series();
            this.shape = shapeFor(series.nodes(), config);
            this.split = ChronologicalSplit.of(series.steps()).requireWindows(dataset.id(), LAG, HORIZON);
            this.scale = ZScore.fit(series, split.trainEnd());
            this.windows = new SlidingWindows(series, scale, LAG, HORIZON);
            this.budget = new SensorBudget(series.nodes(), config.gamma());
            this.best = new BestEpoch(settings.patience());
            this.constraints = config.constraintsOn(series.sensorIds());

            ModelParameters init = ModelParameters.initial(shape, config.seed());
            if (warmStart != null) {
                init = init.warmStartedFrom(warmStart);
            }
            // when the operator fixed every sensor, there is nothing to learn: the set is theirs
            boolean learns = config.learnsMask() && fixedMask == null && !constraints.fixesAll(series.nodes());
            this.sd = PruneGcrnGraph.build(shape, init, scale.std(), learns);
            this.stepper = new GradientStep(sd, init.asMap().keySet(), settings.learningRate(), settings.maskLearningRate(),
                    learns ? MASK_BETA1 : AdamOptimizer.BETA1);
            Supplier<INDArray> raw = () -> sd.getArrForVarName(ModelParameters.RAW_MASK);
            this.mask = learns
                    ? learnedMask(raw)
                    : MaskState.fixed(fixedMask != null ? fixedMask : fixedSelection(), budget, raw);
            this.highway = config.linearHighway() ? new LinearHighway(windows, split, scale.std()) : null;
            this.evaluation = new ForecastEvaluation(sd, windows, split, scale, mask, highway);
            checkpoints.load().ifPresent(this::resume);
        }

        private MaskState learnedMask(Supplier<INDArray> raw) {
            float[] start = MaskStart.rawValues(settings.maskStart(), series, split, scale, windows, budget.allowed(),
                    config.seed(), constraints);
            return MaskState.learned(new SensorSelector(series.nodes(), budget.allowed(), config.seed(), constraints, start),
                    MaskSchedule.of(config), budget, raw, start);
        }

        /** The baselines' picks; γ = 1 (and a set the operator fixed completely) reads every sensor that may be kept. */
        private float[] fixedSelection() {
            return BaselineSelection.of(config.method(), series, split.trainEnd(), budget.allowed(), config.seed(), constraints);
        }

        TrainingResult execute() {
            int trainWindows = windows.within(0, split.trainEnd()).length;
            int batches = (trainWindows + settings.batchSize() - 1) / settings.batchSize();
            for (int epoch = startEpoch; epoch < settings.epochs(); epoch++) {
                TrainingPhase phase = mask.phase(epoch);
                // the mask as the previous epoch left it (flips), then as this epoch will leave it (validation, reports)
                mask.at(epoch == 0 ? -1 : mask.pruningProgress(epoch - 1, batches, batches));
                if (phase == TrainingPhase.FINE_TUNING && !mask.frozen()) {
                    mask.freeze();
                }
                boolean resuming = epoch == startEpoch && startBatch > 0;
                float[] maskBefore = resuming && resumedEpochStartMask != null ? resumedEpochStartMask : mask.current();
                mask.at(mask.pruningProgress(epoch, batches, batches));
                long epochStart = System.nanoTime();
                if (highway != null && mask.frozen() && !(resuming && highway.fitted())) {
                    highway.refit(SensorMask.fromRaw(mask.current()).kept().stream().mapToInt(Integer::intValue).toArray(),
                            x -> evaluation.networkForecast(x));
                }
                // the order depends only on (seed, epoch), so a run resumed mid-epoch sees the same batches
                int[] train = windows.within(0, split.trainEnd());
                shuffle(train, new Random(config.seed() * 1_000_003L + epoch));
                double lossSum = resuming ? resumedLoss : 0;
                for (int b = resuming ? startBatch : 0; b < batches; b++) {
                    if (control.cancelRequested()) {
                        throw new TrainingCancelledException();
                    }
                    if (control.pauseRequested()) {
                        checkpoints.save(checkpoint(epoch, b, lossSum, maskBefore));
                        throw new TrainingInterruptedException(epoch + 1, b + 1);
                    }
                    int from = b * settings.batchSize();
                    SlidingWindows.Batch batch = windows.batch(train, from, Math.min(settings.batchSize(), train.length - from));
                    if (highway != null) {
                        batch = highway.residual(batch); // the network learns what the highway leaves
                    }
                    double loss = mask.step(stepper, batch, config.gamma(), phase, mask.pruningProgress(epoch, b + 1, batches),
                            epoch, b);
                    lossSum += loss;
                    batchesDone++;
                    listener.onBatch(progress(epoch, b + 1, batches, phase, loss, lastValidationMae(), lastFlips()));
                }
                float[] maskAfter = mask.current();
                int kept = SensorMask.keptCount(maskAfter);
                double val = evaluation.validationMae();
                // a learned mask counts only once frozen: before, the top k_t of r changes with every step
                boolean within = budget.admits(kept) && (!mask.learned() || phase == TrainingPhase.FINE_TUNING);
                EpochRecord record = new EpochRecord(epoch + 1, phase, lossSum / batches, val, kept, flips(maskBefore, maskAfter),
                        within, (System.nanoTime() - epochStart) / 1e9);
                history.add(record);
                boolean stop = best.record(epoch + 1, val, within, this::snapshot);
                checkpoints.save(checkpoint(epoch + 1, 0, 0, null));
                listener.onEpoch(record, progress(epoch, batches, batches, phase, record.trainLoss(), val, record.maskFlips()));
                listener.onEpochTest(epoch + 1, evaluation::test);
                if (stop) {
                    break;
                }
            }
            if (!best.found()) {
                // The budget was never met (too few epochs to prune): keep the top ⌈γN⌉ raw values as they are.
                mask.freeze();
                best.take(history.size(), evaluation.validationMae(), snapshot());
            }
            restore(best.parameters());
            float[] raw = mask.finalRaw();
            ModelParameters parameters = new ModelParameters(snapshot());
            ForecastMetrics test = evaluation.test();
            return new TrainingResult(shape, config, scale, parameters, new TrainingOutcome(mask.current(), raw,
                    budget.allowed(), best.epoch(), best.validationMae(), List.copyOf(history), test,
                    (System.nanoTime() - started) / 1e9), mask.diagnostics());
        }

        /** The parameters now, the highway's arrays included. */
        private Map<String, INDArray> snapshot() {
            Map<String, INDArray> copy = new LinkedHashMap<>();
            for (String name : stepper.parameterNames()) {
                copy.put(name, sd.getArrForVarName(name).dup());
            }
            if (highway != null) {
                highway.exportTo(copy);
            }
            return copy;
        }

        private void restore(Map<String, INDArray> params) {
            params.forEach((name, value) -> {
                if (!name.startsWith(LinearForecaster.PREFIX)) {
                    sd.getArrForVarName(name).assign(value);
                }
            });
            if (highway != null) {
                highway.importFrom(params);
            }
        }

        private TrainingCheckpoint checkpoint(int nextEpoch, int nextBatch, double partialLoss, float[] epochStartMask) {
            Map<String, INDArray> moments = new HashMap<>();
            Map<String, Long> steps = new HashMap<>();
            stepper.exportState(moments, steps);
            TrainingCheckpoint.State state = new TrainingCheckpoint.State(nextEpoch, nextBatch, partialLoss, epochStartMask,
                    steps, best.saved(), List.copyOf(history), mask.saved());
            return new TrainingCheckpoint(state, snapshot(), moments, best.parameters());
        }

        private void resume(TrainingCheckpoint c) {
            restore(c.parameters());
            stepper.importState(c.optimizerState(), c.state().optimizerSteps());
            best.restore(c.state().best(), c.best());
            history.addAll(c.state().history());
            mask.restore(c.state().mask());
            startEpoch = c.state().nextEpoch();
            startBatch = c.state().nextBatch();
            resumedLoss = c.state().partialLoss();
            resumedEpochStartMask = c.state().epochStartMask();
        }

        private double lastValidationMae() {
            return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).validationMae();
        }

        private int lastFlips() {
            return history.isEmpty() ? 0 : history.get(history.size() - 1).maskFlips();
        }

        private TrainingProgress progress(int epoch, int batch, int batches, TrainingPhase phase, double loss, double val,
                int flips) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            long total = (long) (settings.epochs() - startEpoch) * batches;
            double eta = batchesDone == 0 ? Double.NaN : elapsed / batchesDone * Math.max(0, total - batchesDone);
            return new TrainingProgress(epoch + 1, settings.epochs(), batch, batches, phase, loss, val,
                    SensorMask.keptCount(mask.current()), budget.allowed(), flips, elapsed, eta);
        }

        private static int flips(float[] before, float[] after) {
            int f = 0;
            for (int i = 0; i < before.length; i++) {
                if (before[i] != after[i]) {
                    f++;
                }
            }
            return f;
        }

        private static void shuffle(int[] a, Random rnd) {
            for (int i = a.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }
    }
}
