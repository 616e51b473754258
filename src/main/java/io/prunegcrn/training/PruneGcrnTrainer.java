package io.prunegcrn.training;

import static io.prunegcrn.model.NetworkShape.HORIZON;
import static io.prunegcrn.model.NetworkShape.LAG;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.evaluation.MetricsAccumulator;
import io.prunegcrn.model.ModelParameters;
import io.prunegcrn.model.NetworkShape;
import io.prunegcrn.model.PruneGcrnGraph;
import io.prunegcrn.model.runtime.StaticGraphRunner;

/**
 * Trains a PruneGCRN graph on a dataset: Adam on the network, Adam with its own learning rate on the raw
 * mask (clamped to [0, 1] after every update) while the {@link MaskSchedule} lets it learn, early stopping
 * on validation MAE counted only over epochs within the sensor budget, checkpoints after every epoch.
 */
public final class PruneGcrnTrainer {

    private static final int EVAL_BATCH = 128;
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
        return new Run(dataset, config, listener, control, checkpoints, null).execute();
    }

    /** Trains with the mask frozen at {@code mask} from the start (oracles and fixed picks in benchmarks). */
    TrainingResult trainWithFixedMask(TrafficDataset dataset, TrainingConfig config, float[] mask) {
        return new Run(dataset, config, TrainingListener.NONE, TrainingControl.cancelledWhen(() -> false), CheckpointStore.NONE, mask)
                .execute();
    }

    /** The network shape a config gives on a dataset. */
    public static NetworkShape shapeFor(int nodes, TrainingConfig config) {
        return new NetworkShape(nodes, 1, config.hiddenUnits(), 2, config.chebK(), config.embedDim(), LAG, HORIZON);
    }

    private static final class Run {
        private final TrainingConfig config;
        private final TrainingListener listener;
        private final TrainingControl control;
        private final CheckpointStore checkpoints;
        private final TrafficSeries series;
        private final NetworkShape shape;
        private final ChronologicalSplit split;
        private final ZScore scale;
        private final SlidingWindows windows;
        private final SensorBudget budget;
        private final MaskSchedule schedule;
        /** Chooses the per-sample masks while the mask learns; null for fixed selections and γ = 1. */
        private final SensorSelector selector;
        private final SameDiff sd;
        private final GradientStep stepper;
        private final StaticGraphRunner evaluator;
        private final List<EpochRecord> history = new ArrayList<>();
        private final long started = System.nanoTime();

        private float[] frozenMask;
        /** Raw mask values as learned, kept when the mask is frozen (they rank the retained sensors). */
        private float[] learnedRaw;
        /** Σ over warm-up and pruning batches of ∂loss/∂m: minus the first-order cost of dropping each sensor. */
        private final double[] maskGradientSum;
        private final double[] rawSum;
        private int pruningBatches;
        private Map<String, INDArray> best;
        private double bestValidationMae = Double.POSITIVE_INFINITY;
        private int bestEpoch;
        private int epochsWithoutImprovement;
        private int startEpoch;
        private int startBatch;
        private double resumedLoss;
        private float[] resumedEpochStartMask;
        private int batchesDone;
        /** Pruning progress the reported mask and validation use (−1 in warm-up). */
        private double progress = -1;

        Run(TrafficDataset dataset, TrainingConfig config, TrainingListener listener, TrainingControl control,
                CheckpointStore checkpoints, float[] fixedMask) {
            this.config = config;
            this.listener = listener;
            this.control = control;
            this.checkpoints = checkpoints;
            this.series = dataset.series();
            this.shape = shapeFor(series.nodes(), config);
            this.split = ChronologicalSplit.of(series.steps()).requireWindows(dataset.id(), LAG, HORIZON);
            this.scale = ZScore.fit(series, split.trainEnd());
            this.windows = new SlidingWindows(series, scale, LAG, HORIZON);
            this.budget = new SensorBudget(series.nodes(), config.gamma());
            this.schedule = MaskSchedule.of(config);
            this.maskGradientSum = new double[series.nodes()];
            this.rawSum = new double[series.nodes()];

            ModelParameters init = ModelParameters.initial(shape, config.seed());
            boolean learns = config.learnsMask() && fixedMask == null;
            this.selector = learns ? new SensorSelector(series.nodes(), budget.allowed(), config.seed()) : null;
            this.sd = PruneGcrnGraph.build(shape, init, scale.std(), learns);
            this.stepper = new GradientStep(sd, init.asMap().keySet(), config.learningRate(), config.maskLearningRate(),
                    learns ? MASK_BETA1 : AdamOptimizer.BETA1);
            this.evaluator = new StaticGraphRunner(sd, PruneGcrnGraph.FORECAST);
            if (learns) {
                rawMask().assign(SensorSelector.START);
            } else {
                frozenMask = fixedMask != null ? fixedMask.clone() : fixedSelection();
                rawMask().assign(Nd4j.createFromArray(frozenMask));
            }
            checkpoints.load().ifPresent(this::resume);
        }

        private float[] fixedSelection() {
            int n = series.nodes();
            return switch (config.method()) {
                case RANDOM -> BaselineSelection.random(n, budget.allowed(), config.seed());
                case CORRELATION -> BaselineSelection.correlation(series, split.trainEnd(), budget.allowed());
                case FULL, PRUNEGCRN -> {
                    float[] all = new float[n];
                    java.util.Arrays.fill(all, 1f);
                    yield all;
                }
            };
        }

        TrainingResult execute() {
            int trainWindows = windows.starts(0, split.trainEnd()).length;
            int batches = (trainWindows + config.batchSize() - 1) / config.batchSize();
            for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
                TrainingPhase phase = selector != null ? schedule.phase(epoch) : TrainingPhase.FINE_TUNING;
                // the mask as the previous epoch left it (flips), then as this epoch will leave it (validation, reports)
                progress = epoch == 0 ? -1 : pruningProgress(epoch - 1, batches, batches);
                if (phase == TrainingPhase.FINE_TUNING && frozenMask == null) {
                    freezeTopRaw();
                }
                boolean maskLearns = phase == TrainingPhase.PRUNING;
                boolean resuming = epoch == startEpoch && startBatch > 0;
                float[] maskBefore = resuming && resumedEpochStartMask != null ? resumedEpochStartMask : currentMask();
                progress = pruningProgress(epoch, batches, batches);
                long epochStart = System.nanoTime();
                // the order depends only on (seed, epoch), so a run resumed mid-epoch sees the same batches
                int[] train = windows.starts(0, split.trainEnd());
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
                    int from = b * config.batchSize();
                    SlidingWindows.Batch batch = windows.batch(train, from, Math.min(config.batchSize(), train.length - from));
                    double loss = step(batch, epoch, b, batches, phase);
                    lossSum += loss;
                    if (maskLearns) {
                        float[] r = rawMask().toFloatVector();
                        for (int i = 0; i < r.length; i++) {
                            rawSum[i] += r[i];
                        }
                        pruningBatches++;
                    }
                    batchesDone++;
                    listener.onBatch(progress(epoch, b + 1, batches, phase, loss, lastValidationMae(), lastFlips(), batches));
                }
                float[] maskAfter = currentMask();
                int kept = BaselineSelection.count(maskAfter);
                double val = validationMae();
                // a learned mask counts only once frozen: before, the top k_t of r changes with every step
                boolean within = budget.admits(kept) && (selector == null || phase == TrainingPhase.FINE_TUNING);
                EpochRecord record = new EpochRecord(epoch + 1, phase, lossSum / batches, val, kept, flips(maskBefore, maskAfter),
                        within, (System.nanoTime() - epochStart) / 1e9);
                history.add(record);
                boolean stop = false;
                if (within) {
                    if (val < bestValidationMae) {
                        bestValidationMae = val;
                        bestEpoch = epoch + 1;
                        best = snapshot();
                        epochsWithoutImprovement = 0;
                    } else {
                        epochsWithoutImprovement++;
                        stop = epochsWithoutImprovement >= config.patience();
                    }
                }
                checkpoints.save(checkpoint(epoch + 1, 0, 0, null));
                listener.onEpoch(record, progress(epoch, batches, batches, phase, record.trainLoss(), val, record.maskFlips(), batches));
                if (stop) {
                    break;
                }
            }
            if (best == null) {
                // The budget was never met (too few epochs to prune): keep the top ⌈γN⌉ raw values as they are.
                freezeTopRaw();
                best = snapshot();
                bestValidationMae = validationMae();
                bestEpoch = history.size();
            }
            restore(best);
            float[] raw = learnedRaw != null ? learnedRaw : rawMask().toFloatVector();
            ModelParameters parameters = new ModelParameters(snapshot());
            ForecastMetrics test = evaluate(windows.starts(split.validationEnd(), split.steps()));
            return new TrainingResult(shape, config, scale, parameters, currentMask(), raw, budget.allowed(), bestEpoch,
                    bestValidationMae, List.copyOf(history), test, (System.nanoTime() - started) / 1e9, maskGradientSum.clone(),
                    rawAverage(), selector == null ? new double[series.nodes()] : selector.delta());
        }

        private double[] rawAverage() {
            double[] avg = new double[rawSum.length];
            for (int i = 0; i < avg.length; i++) {
                avg[i] = pruningBatches == 0 ? 0 : rawSum[i] / pruningBatches;
            }
            return avg;
        }

        private void freezeTopRaw() {
            if (selector != null) {
                double[] avg = selector.averageRaw();
                learnedRaw = new float[avg.length];
                for (int i = 0; i < avg.length; i++) {
                    learnedRaw[i] = (float) avg[i];
                }
                frozenMask = selector.finalMask();
            } else {
                learnedRaw = rawMask().toFloatVector();
                frozenMask = BaselineSelection.topK(learnedRaw, maskGradientSum, budget.allowed());
            }
            rawMask().assign(Nd4j.createFromArray(frozenMask));
        }

        /** One optimisation step; while the mask learns, with the selector's per-sample masks. */
        private double step(SlidingWindows.Batch batch, int epoch, int b, int batches, TrainingPhase phase) {
            boolean maskLearns = phase == TrainingPhase.PRUNING;
            double[] gradientSum = phase == TrainingPhase.FINE_TUNING ? null : maskGradientSum;
            if (selector == null) {
                return stepper.run(batch, config.gamma(), maskLearns, gradientSum);
            }
            int samples = (int) batch.x().size(2);
            float[] raw = rawMask().toFloatVector();
            if (frozenMask != null) {
                return stepper.run(batch, config.gamma(), false, null, SensorSelector.fixedOffset(raw, frozenMask, samples), null);
            }
            boolean[] on = new boolean[raw.length * samples];
            float[] sampleMae = new float[samples];
            INDArray offset = selector.trainingOffset(raw, samples, pruningProgress(epoch, b + 1, batches), epoch, b, on);
            double loss = stepper.run(batch, config.gamma(), maskLearns, gradientSum, offset, sampleMae);
            selector.observe(on, sampleMae, samples, maskLearns ? rawMask().toFloatVector() : null);
            return loss;
        }

        /** Progress v ∈ (0, 1] through the pruning phase after {@code batchesDone} batches of an epoch; −1 in warm-up. */
        private double pruningProgress(int epoch, int batchesDone, int batches) {
            if (selector == null || schedule.phase(epoch) == TrainingPhase.WARMUP) {
                return -1;
            }
            double total = (double) schedule.pruneEpochs() * batches;
            return Math.min(1, ((epoch - schedule.warmupEpochs()) * (double) batches + batchesDone) / total);
        }

        private INDArray rawMask() {
            return sd.getArrForVarName(ModelParameters.RAW_MASK);
        }

        /** The binary mask as the graph computes it: r ≥ 0.5, or while the mask learns the top k_t of r. */
        private float[] currentMask() {
            float[] raw = rawMask().toFloatVector();
            if (selector != null && frozenMask == null) {
                return selector.selection(raw, progress);
            }
            float[] m = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                m[i] = raw[i] >= 0.5f ? 1f : 0f;
            }
            return m;
        }

        private double validationMae() {
            int[] val = windows.starts(split.trainEnd(), split.validationEnd());
            double sum = 0;
            long count = 0;
            for (int from = 0; from < val.length; from += EVAL_BATCH) {
                SlidingWindows.Batch batch = windows.batch(val, from, Math.min(EVAL_BATCH, val.length - from));
                INDArray forecast = forecast(batch.x());
                sum += Transforms.abs(forecast.sub(batch.y()), false).sumNumber().doubleValue();
                count += forecast.length();
            }
            return sum / count * scale.std();
        }

        private ForecastMetrics evaluate(int[] starts) {
            MetricsAccumulator acc = new MetricsAccumulator(HORIZON);
            for (int from = 0; from < starts.length; from += EVAL_BATCH) {
                SlidingWindows.Batch batch = windows.batch(starts, from, Math.min(EVAL_BATCH, starts.length - from));
                float[] f = forecast(batch.x()).ravel().toFloatVector();
                float[] y = batch.y().ravel().toFloatVector();
                for (int i = 0; i < f.length; i++) {
                    acc.add(i % HORIZON, scale.denormalize(f[i]), scale.denormalize(y[i]));
                }
            }
            return acc.result();
        }

        /** The forecast for a batch; the array is the runner's and is overwritten by the next call. */
        private INDArray forecast(INDArray x) {
            if (selector == null) {
                return evaluator.run(Map.of(PruneGcrnGraph.X, x)).get(PruneGcrnGraph.FORECAST);
            }
            INDArray offset = SensorSelector.fixedOffset(rawMask().toFloatVector(), currentMask(), (int) x.size(2));
            return evaluator.run(Map.of(PruneGcrnGraph.X, x, PruneGcrnGraph.MASK_OFFSET, offset)).get(PruneGcrnGraph.FORECAST);
        }

        private Map<String, INDArray> snapshot() {
            Map<String, INDArray> copy = new LinkedHashMap<>();
            for (String name : stepper.parameterNames()) {
                copy.put(name, sd.getArrForVarName(name).dup());
            }
            return copy;
        }

        private void restore(Map<String, INDArray> params) {
            params.forEach((name, value) -> sd.getArrForVarName(name).assign(value));
        }

        private TrainingCheckpoint checkpoint(int nextEpoch, int nextBatch, double partialLoss, float[] epochStartMask) {
            Map<String, INDArray> state = new HashMap<>();
            Map<String, Long> steps = new HashMap<>();
            stepper.exportState(state, steps);
            return new TrainingCheckpoint(nextEpoch, nextBatch, partialLoss, epochStartMask, snapshot(), state, steps, best, bestValidationMae, bestEpoch,
                    epochsWithoutImprovement, List.copyOf(history), frozenMask, learnedRaw, maskGradientSum.clone(),
                    selector == null ? null : selector.exportState());
        }

        private void resume(TrainingCheckpoint c) {
            restore(c.parameters());
            stepper.importState(c.optimizerState(), c.optimizerSteps());
            best = c.best();
            bestValidationMae = c.bestValidationMae();
            bestEpoch = c.bestEpoch();
            epochsWithoutImprovement = c.epochsWithoutImprovement();
            history.addAll(c.history());
            frozenMask = c.frozenMask();
            learnedRaw = c.learnedRaw();
            if (c.maskGradientSum() != null) {
                System.arraycopy(c.maskGradientSum(), 0, maskGradientSum, 0, maskGradientSum.length);
            }
            if (selector != null && c.selectorState() != null) {
                selector.importState(c.selectorState());
            }
            startEpoch = c.nextEpoch();
            startBatch = c.nextBatch();
            resumedLoss = c.partialLoss();
            resumedEpochStartMask = c.epochStartMask();
        }

        private double lastValidationMae() {
            return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).validationMae();
        }

        private int lastFlips() {
            return history.isEmpty() ? 0 : history.get(history.size() - 1).maskFlips();
        }

        private TrainingProgress progress(int epoch, int batch, int batches, TrainingPhase phase, double loss, double val,
                int flips, int batchesPerEpoch) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            long total = (long) (config.epochs() - startEpoch) * batchesPerEpoch;
            double eta = batchesDone == 0 ? Double.NaN : elapsed / batchesDone * Math.max(0, total - batchesDone);
            return new TrainingProgress(epoch + 1, config.epochs(), batch, batches, phase, loss, val,
                    BaselineSelection.count(currentMask()), budget.allowed(), flips, elapsed, eta);
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
