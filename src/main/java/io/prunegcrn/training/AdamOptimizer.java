package io.prunegcrn.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam as PyTorch defines it (β1 0.9, β2 0.999, ε 1e-8), for one parameter array, updated in place.
 *
 * <p>With {@code sharedScale} the second moment is one scalar for the whole array (the mean of g² over its
 * entries) instead of one per entry. For the raw mask this keeps the relative size of each sensor's gradient —
 * its first-order importance — in the update, where per-entry Adam would rescale every sensor to about the same
 * step and rank sensors by the sign consistency of a noisy gradient instead.
 */
final class AdamOptimizer {

    static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final INDArray m;
    private final INDArray v;
    private final boolean sharedScale;
    private final double learningRate;
    private final double beta1;
    private long step;

    AdamOptimizer(INDArray param, double learningRate, boolean sharedScale) {
        this(param, learningRate, sharedScale, BETA1);
    }

    /** @param beta1 decay of the first moment; closer to 1 averages a noisy gradient over more steps */
    AdamOptimizer(INDArray param, double learningRate, boolean sharedScale, double beta1) {
        this(param.ulike().assign(0), param.ulike().assign(0), learningRate, 0, sharedScale, beta1);
    }

    AdamOptimizer(INDArray m, INDArray v, double learningRate, long step, boolean sharedScale, double beta1) {
        this.beta1 = beta1;
        this.m = m;
        this.v = v;
        this.learningRate = learningRate;
        this.step = step;
        this.sharedScale = sharedScale;
    }

    /** Temporaries are closed at once: left to the garbage collector, their native memory grew ~8 MB a step. */
    void update(INDArray param, INDArray grad) {
        step++;
        try (INDArray scaled = grad.mul(1 - beta1); INDArray squared = grad.mul(grad)) {
            m.muli(beta1).addi(scaled);
            if (sharedScale) {
                v.muli(BETA2).addi(squared.meanNumber().doubleValue() * (1 - BETA2));
            } else {
                v.muli(BETA2).addi(squared.muli(1 - BETA2));
            }
        }
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = Math.sqrt(1 - Math.pow(BETA2, step));
        try (INDArray denom = Transforms.sqrt(v, true).divi(c2).addi(EPS); INDArray delta = m.div(denom)) {
            param.subi(delta.muli(learningRate / c1));
        }
    }

    INDArray firstMoment() {
        return m;
    }

    INDArray secondMoment() {
        return v;
    }

    long step() {
        return step;
    }
}
