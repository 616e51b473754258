package io.prunegcrn.training;

import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.dataset.SlidingWindows;

/**
 * The mask side of a run: its phase per epoch ({@link MaskSchedule}), what the clamp computes now, when and how it
 * is frozen, and the diagnostics gathered on the way. The raw mask itself is a graph variable; this class reads and
 * writes it through {@code raw}. A learned mask is driven by the {@link SensorSelector}; a fixed one (baselines,
 * γ = 1, oracles) is frozen from the start.
 */
final class MaskState {

    private final SensorSelector selector;
    private final MaskSchedule schedule;
    private final SensorBudget budget;
    private final Supplier<INDArray> raw;
    /** Σ over warm-up and pruning batches of ∂loss/∂m: minus the first-order cost of dropping each sensor. */
    private final double[] gradientSum;
    private final double[] rawSum;
    private int pruningBatches;
    private float[] frozen;
    /** Raw mask values as learned, kept when the mask is frozen (they rank the retained sensors). */
    private float[] learnedRaw;
    /** Pruning progress the reported mask and validation use (−1 in warm-up). */
    private double progress = -1;

    /** A mask learned by {@code selector}, starting at {@code start} (null: r = 0.5 for every sensor). */
    static MaskState learned(SensorSelector selector, MaskSchedule schedule, SensorBudget budget, Supplier<INDArray> raw,
            float[] start) {
        MaskState m = new MaskState(selector, schedule, budget, raw);
        if (start == null) {
            raw.get().assign(SensorSelector.START);
        } else {
            raw.get().assign(Nd4j.createFromArray(start));
        }
        return m;
    }

    /** A mask frozen at {@code mask} from the start. */
    static MaskState fixed(float[] mask, SensorBudget budget, Supplier<INDArray> raw) {
        MaskState m = new MaskState(null, new MaskSchedule(0, 0), budget, raw);
        m.frozen = mask.clone();
        raw.get().assign(Nd4j.createFromArray(m.frozen));
        return m;
    }

    private MaskState(SensorSelector selector, MaskSchedule schedule, SensorBudget budget, Supplier<INDArray> raw) {
        this.selector = selector;
        this.schedule = schedule;
        this.budget = budget;
        this.raw = raw;
        this.gradientSum = new double[budget.nodes()];
        this.rawSum = new double[budget.nodes()];
    }

    /** True when the selector drives the mask (it learns, or learned and was frozen). */
    boolean learned() {
        return selector != null;
    }

    boolean frozen() {
        return frozen != null;
    }

    TrainingPhase phase(int epoch) {
        return selector != null ? schedule.phase(epoch) : TrainingPhase.FINE_TUNING;
    }

    /** Progress v ∈ (0, 1] through the pruning phase after {@code batchesDone} batches of an epoch; −1 in warm-up. */
    double pruningProgress(int epoch, int batchesDone, int batches) {
        if (selector == null || schedule.phase(epoch) == TrainingPhase.WARMUP) {
            return -1;
        }
        double total = (double) schedule.pruneEpochs() * batches;
        return Math.min(1, ((epoch - schedule.warmupEpochs()) * (double) batches + batchesDone) / total);
    }

    /** Sets the pruning progress at which {@link #current()} reads a learning mask. */
    void at(double pruningProgress) {
        this.progress = pruningProgress;
    }

    /** The binary mask as the graph computes it: r ≥ 0.5, or while the mask learns the top k_t of r. */
    float[] current() {
        return current(raw.get().toFloatVector());
    }

    private float[] current(float[] r) {
        if (selector != null && frozen == null) {
            return selector.selection(r, progress);
        }
        return SensorMask.fromRaw(r).values();
    }

    /**
     * Freezes the final selection: the selector's pick for a learned mask; otherwise the top ⌈γN⌉ raw values
     * (ties broken by the gradient sum).
     */
    void freeze() {
        if (selector != null) {
            double[] avg = selector.averageRaw();
            learnedRaw = new float[avg.length];
            for (int i = 0; i < avg.length; i++) {
                learnedRaw[i] = (float) avg[i];
            }
            frozen = selector.finalMask();
        } else {
            learnedRaw = raw.get().toFloatVector();
            frozen = BaselineSelection.topK(learnedRaw, gradientSum, budget.allowed());
        }
        raw.get().assign(Nd4j.createFromArray(frozen));
    }

    /** One optimisation step; while the mask learns, with the selector's per-sample masks. */
    double step(GradientStep stepper, SlidingWindows.Batch batch, double gamma, TrainingPhase phase, double stepProgress,
            int epoch, int b) {
        boolean maskLearns = phase == TrainingPhase.PRUNING;
        double[] sum = phase == TrainingPhase.FINE_TUNING ? null : gradientSum;
        if (selector == null) {
            return stepper.run(batch, gamma, maskLearns, sum);
        }
        int samples = (int) batch.x().size(2);
        float[] r = raw.get().toFloatVector();
        if (frozen != null) {
            return stepper.run(batch, gamma, false, null, SensorSelector.fixedOffset(r, frozen, samples), null);
        }
        boolean[] on = new boolean[r.length * samples];
        float[] sampleMae = new float[samples];
        INDArray offset = selector.trainingOffset(r, samples, stepProgress, epoch, b, on);
        double loss = stepper.run(batch, gamma, maskLearns, sum, offset, sampleMae);
        float[] after = maskLearns ? raw.get().toFloatVector() : null;
        selector.observe(on, sampleMae, samples, after);
        if (after != null) {
            for (int i = 0; i < after.length; i++) {
                rawSum[i] += after[i];
            }
            pruningBatches++;
        }
        return loss;
    }

    /** The clamp's input offset that makes the graph read {@link #current()} for every sample; null without selector. */
    INDArray evaluationOffset(int samples) {
        if (selector == null) {
            return null;
        }
        float[] r = raw.get().toFloatVector();
        return SensorSelector.fixedOffset(r, current(r), samples);
    }

    /** The raw values that rank the kept sensors: as learned when frozen, else the graph's. */
    float[] finalRaw() {
        return learnedRaw != null ? learnedRaw : raw.get().toFloatVector();
    }

    /** What the mask's training gathered so far. */
    MaskDiagnostics diagnostics() {
        double[] rawAverage = new double[rawSum.length];
        for (int i = 0; i < rawAverage.length; i++) {
            rawAverage[i] = pruningBatches == 0 ? 0 : rawSum[i] / pruningBatches;
        }
        return new MaskDiagnostics(gradientSum.clone(), rawAverage,
                selector == null ? new double[budget.nodes()] : selector.delta());
    }

    /**
     * The mask's part of a checkpoint, stored flat in its state (as earlier versions wrote it).
     *
     * @param frozenMask      the selected 0/1 mask once it is frozen, or null while it learns
     * @param learnedRaw      the raw mask values at the moment the mask was frozen, or null
     * @param maskGradientSum accumulated straight-through mask gradient (tie-break of the final selection)
     * @param selectorState   the learned selection's averages ({@link SensorSelector}), or null without selector
     */
    record Saved(float[] frozenMask, float[] learnedRaw, double[] maskGradientSum, double[] selectorState) {
    }

    Saved saved() {
        return new Saved(frozen, learnedRaw, gradientSum.clone(), selector == null ? null : selector.exportState());
    }

    void restore(Saved s) {
        frozen = s.frozenMask();
        learnedRaw = s.learnedRaw();
        if (s.maskGradientSum() != null) {
            System.arraycopy(s.maskGradientSum(), 0, gradientSum, 0, gradientSum.length);
        }
        if (selector != null && s.selectorState() != null) {
            selector.importState(s.selectorState());
        }
    }
}
