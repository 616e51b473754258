package io.prunegcrn.training;

import java.util.Arrays;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Drives the learned mask so that it finds the sensors that matter (issue 11), without changing the model:
 * the trainer feeds the clamp {@code r + offset} per sample, and this class chooses the offset.
 * <ul>
 * <li><b>Exactly k_t on per sample.</b> With {@code z = r + σ_t ε} (ε ~ N(0, 1) per sensor and sample), the
 * k_t sensors with the largest z are on: the threshold τ (the k_t-th largest z) shifts the clamp's input and is
 * held constant in the gradient. Every sensor is tried on and off many times, so a dropped one can come back.</li>
 * <li><b>Warm-up on random half masks</b> (σ = 1 around r = 0.5, k = N/2): the network and the graph bias learn
 * to forecast from any subset before the mask learns which subset.</li>
 * <li><b>Pruning:</b> k_t falls from N/2 to ⌈γN⌉ on a cubic schedule and σ from 0.5 to 0.1; the budget is
 * never undershot and the freeze is no jump.</li>
 * <li><b>The final set</b> is read from an exponential average of r rather than the last batch. Also kept, as a
 * diagnostic: Δ_i, the mean loss of samples with sensor i off minus that with it on (per batch, so that it does
 * not depend on the straight-through approximation nor on the network's progress).</li>
 * </ul>
 * The noise is drawn from (seed, epoch, batch), so a run resumed mid-epoch sees the same masks. The operator's
 * {@link SensorConstraints} hold throughout: a must-keep sensor is on and a must-drop one off in every sample, in
 * validation and in the final mask, and the counts above include the must-keep sensors.
 */
final class SensorSelector {

    static final float START = 0.5f;
    /** How far above and below {@link #START} a mask started from a classical selection puts its picks and the rest. */
    static final float HEAD_START = 0.25f;
    private static final double WARMUP_SIGMA = 1.0;
    private static final double SIGMA_START = 0.5;
    private static final double SIGMA_END = 0.1;
    /** Decay of the exponential average of r, per step. */
    private static final double EMA_DECAY = 0.95;

    private final int nodes;
    private final int budget;
    private final long seed;
    private final SensorConstraints constraints;
    /** State that a checkpoint carries: the exponential average of r, then Σ Δ and the batch count per sensor. */
    private final double[] ema;
    private final double[] deltaSum;
    private final double[] deltaBatches;

    SensorSelector(int nodes, int budget, long seed) {
        this(nodes, budget, seed, SensorConstraints.NONE, null);
    }

    /**
     * @param constraints the operator's: must-keep sensors on, must-drop ones off, always
     * @param start       the raw values the mask starts from (null: {@link #START} for every sensor)
     */
    SensorSelector(int nodes, int budget, long seed, SensorConstraints constraints, float[] start) {
        this.nodes = nodes;
        this.budget = budget;
        this.seed = seed;
        this.constraints = constraints;
        this.ema = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            ema[i] = start == null ? START : start[i];
        }
        this.deltaSum = new double[nodes];
        this.deltaBatches = new double[nodes];
    }

    /** Sensors on per sample at pruning progress v ∈ [0, 1] (warm-up: v < 0); never more than may be kept. */
    int sensorsOn(double v) {
        int half = Math.max(budget, nodes / 2);
        double left = v < 0 ? 1 : Math.pow(1 - Math.min(1, v), 3);
        return Math.min(constraints.available(nodes), (int) Math.round(budget + (half - budget) * left));
    }

    static double sigma(double v) {
        return v < 0 ? WARMUP_SIGMA : SIGMA_START + (SIGMA_END - SIGMA_START) * Math.min(1, v);
    }

    /**
     * The offset [N, B] for one training batch and the 0/1 decision it encodes ({@code on[b * N + i]}): the clamp
     * sees 0.75 for a sensor that is on and 0.25 for one that is off (any value on the right side of 0.5 gives
     * the same forward and, straight through, the same gradient).
     */
    INDArray trainingOffset(float[] raw, int samples, double v, int epoch, int batch, boolean[] on) {
        Random rnd = new Random((seed * 1_000_003L + epoch) * 7_919L + batch + 17);
        int k = sensorsOn(v);
        double sigma = sigma(v);
        float[] offset = new float[nodes * samples];
        double[] z = new double[nodes];
        for (int b = 0; b < samples; b++) {
            for (int i = 0; i < nodes; i++) {
                z[i] = raw[i] + sigma * rnd.nextGaussian();
            }
            boolean[] picked = pick(z, k);
            for (int i = 0; i < nodes; i++) {
                on[b * nodes + i] = picked[i];
                offset[i * samples + b] = (picked[i] ? 0.75f : 0.25f) - raw[i];
            }
        }
        return Nd4j.create(offset, new long[] {nodes, samples}, 'c');
    }

    /** The deterministic selection at progress v: the k_t largest r (what validation sees while the mask learns). */
    float[] selection(float[] raw, double v) {
        double[] r = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            r[i] = raw[i];
        }
        boolean[] picked = pick(r, sensorsOn(v));
        float[] m = new float[nodes];
        for (int i = 0; i < nodes; i++) {
            m[i] = picked[i] ? 1f : 0f;
        }
        return m;
    }

    /** The offset [N, samples] that makes the clamp compute {@code mask} for every sample. */
    static INDArray fixedOffset(float[] raw, float[] mask, int samples) {
        float[] offset = new float[raw.length * samples];
        for (int i = 0; i < raw.length; i++) {
            float o = (SensorMask.isOn(mask[i]) ? 0.75f : 0.25f) - raw[i];
            Arrays.fill(offset, i * samples, (i + 1) * samples, o);
        }
        return Nd4j.create(offset, new long[] {raw.length, samples}, 'c');
    }

    /** After a step: per-sample losses under the decisions {@code on}, and r after the update (when it learns). */
    void observe(boolean[] on, float[] sampleMae, int samples, float[] rawAfter) {
        for (int i = 0; i < nodes; i++) {
            double onSum = 0;
            double offSum = 0;
            int onCount = 0;
            for (int b = 0; b < samples; b++) {
                if (on[b * nodes + i]) {
                    onSum += sampleMae[b];
                    onCount++;
                } else {
                    offSum += sampleMae[b];
                }
            }
            if (onCount > 0 && onCount < samples) {
                deltaSum[i] += offSum / (samples - onCount) - onSum / onCount;
                deltaBatches[i]++;
            }
        }
        if (rawAfter != null) {
            for (int i = 0; i < nodes; i++) {
                ema[i] = EMA_DECAY * ema[i] + (1 - EMA_DECAY) * rawAfter[i];
            }
        }
    }

    /** Raw values that start the mask from a 0/1 selection: its picks at 0.75, the others at 0.25. */
    static float[] startingFrom(float[] selection) {
        float[] r = new float[selection.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = SensorMask.isOn(selection[i]) ? START + HEAD_START : START - HEAD_START;
        }
        return r;
    }

    double[] averageRaw() {
        return ema.clone();
    }

    double[] delta() {
        double[] d = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            d[i] = deltaBatches[i] == 0 ? 0 : deltaSum[i] / deltaBatches[i];
        }
        return d;
    }

    /**
     * The final 0/1 mask: the ⌈γN⌉ largest averages of r, ties to the lower index. (Δ ranked the planted drivers
     * worse than the average of r did, so it is reported, not used: issue 11 notes.)
     */
    float[] finalMask() {
        boolean[] picked = pick(ema.clone(), Math.min(budget, constraints.available(nodes)));
        float[] m = new float[nodes];
        for (int i = 0; i < nodes; i++) {
            m[i] = picked[i] ? 1f : 0f;
        }
        return m;
    }

    /** The k largest of {@code values} with the must-keep sensors first and no must-drop one (overwrites both). */
    private boolean[] pick(double[] values, int k) {
        constraints.mustKeep().forEach(i -> values[i] = Double.POSITIVE_INFINITY);
        constraints.mustDrop().forEach(i -> values[i] = Double.NEGATIVE_INFINITY);
        return topK(values, k);
    }

    /** 1-based rank of every value, largest first (ties share the better rank). */
    static int[] ranks(double[] values) {
        int[] r = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            int rank = 1;
            for (double v : values) {
                if (v > values[i]) {
                    rank++;
                }
            }
            r[i] = rank;
        }
        return r;
    }

    /** The k largest values (ties to the lower index). */
    static boolean[] topK(double[] values, int k) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(values[b], values[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        boolean[] picked = new boolean[values.length];
        for (int j = 0; j < Math.min(k, values.length); j++) {
            picked[order[j]] = true;
        }
        return picked;
    }

    /** The state a checkpoint carries: average of r, Σ Δ, batches counted, concatenated. */
    double[] exportState() {
        double[] s = new double[3 * nodes];
        System.arraycopy(ema, 0, s, 0, nodes);
        System.arraycopy(deltaSum, 0, s, nodes, nodes);
        System.arraycopy(deltaBatches, 0, s, 2 * nodes, nodes);
        return s;
    }

    void importState(double[] s) {
        System.arraycopy(s, 0, ema, 0, nodes);
        System.arraycopy(s, nodes, deltaSum, 0, nodes);
        System.arraycopy(s, 2 * nodes, deltaBatches, 0, nodes);
    }
}
