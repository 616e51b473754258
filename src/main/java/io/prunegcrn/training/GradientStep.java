package io.prunegcrn.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.PruneGcrnGraph;
import io.prunegcrn.network.runtime.GradientLogFilter;
import io.prunegcrn.network.runtime.RunnerOptions;
import io.prunegcrn.network.runtime.StaticGraphRunner;

/**
 * One optimisation step of a PruneGCRN graph: forward, backward, Adam on every parameter, and, while the
 * mask learns, Adam on the raw mask with its own learning rate followed by the clamp to [0, 1].
 */
public final class GradientStep {

    private final SameDiff sd;
    private final Map<String, AdamOptimizer> optimizers = new LinkedHashMap<>();
    private final double learningRate;
    private final double maskLearningRate;
    private final double maskBeta1;
    private final RunnerOptions runnerOptions;
    private StaticGraphRunner runner;

    public GradientStep(SameDiff sd, Iterable<String> parameters, double learningRate, double maskLearningRate) {
        this(sd, parameters, learningRate, maskLearningRate, AdamOptimizer.BETA1, RunnerOptions.NONE);
    }

    /** @param runnerOptions diagnostics of the gradient graph's runner (benchmarks time its ops) */
    public GradientStep(SameDiff sd, Iterable<String> parameters, double learningRate, double maskLearningRate,
            RunnerOptions runnerOptions) {
        this(sd, parameters, learningRate, maskLearningRate, AdamOptimizer.BETA1, runnerOptions);
    }

    /** @param maskBeta1 Adam's first-moment decay for the raw mask (the network keeps 0.9) */
    GradientStep(SameDiff sd, Iterable<String> parameters, double learningRate, double maskLearningRate, double maskBeta1) {
        this(sd, parameters, learningRate, maskLearningRate, maskBeta1, RunnerOptions.NONE);
    }

    private GradientStep(SameDiff sd, Iterable<String> parameters, double learningRate, double maskLearningRate,
            double maskBeta1, RunnerOptions runnerOptions) {
        this.sd = sd;
        this.runnerOptions = runnerOptions;
        this.learningRate = learningRate;
        this.maskLearningRate = maskLearningRate;
        this.maskBeta1 = maskBeta1;
        for (String name : parameters) {
            optimizers.put(name, new AdamOptimizer(sd.getArrForVarName(name), rateOf(name), isMask(name), beta1Of(name)));
        }
    }

    /** @return the batch's loss, MAE × (1 + MLoss), in data units */
    public double run(SlidingWindows.Batch batch, double gamma, boolean maskLearns) {
        return run(batch, gamma, maskLearns, null);
    }

    /**
     * As {@link #run(SlidingWindows.Batch, double, boolean)}; when {@code maskGradientSum} is given, the batch's
     * straight-through gradient of the loss with respect to the mask is added to it (also while the mask is frozen).
     */
    public double run(SlidingWindows.Batch batch, double gamma, boolean maskLearns, double[] maskGradientSum) {
        return run(batch, gamma, maskLearns, maskGradientSum, null, null);
    }

    /**
     * One step of a graph built with a per-sample mask: {@code maskOffset} (N, B) is fed to the clamp's input
     * and, when {@code sampleMae} is given, it receives each sample's MAE. The raw mask's gradient is centred
     * (its mean removed) before its update: the offset shifts the threshold with the raw values, so a common
     * shift of all of them changes no decision, and the budget term's uniform gradient would only push every
     * raw value into the clip at 0.
     */
    double run(SlidingWindows.Batch batch, double gamma, boolean maskLearns, double[] maskGradientSum, INDArray maskOffset,
            float[] sampleMae) {
        Map<String, INDArray> feed = new java.util.HashMap<>(placeholders(batch, gamma));
        if (maskOffset != null) {
            feed.put(PruneGcrnGraph.MASK_OFFSET, maskOffset);
        }
        Map<String, INDArray> out = gradientRunner().run(feed);
        if (maskGradientSum != null) {
            float[] g = out.get(gradientName(ModelParameters.RAW_MASK)).toFloatVector();
            for (int i = 0; i < g.length; i++) {
                maskGradientSum[i] += g[i];
            }
        }
        if (sampleMae != null) {
            float[] s = out.get(PruneGcrnGraph.SAMPLE_MAE).toFloatVector();
            System.arraycopy(s, 0, sampleMae, 0, s.length);
        }
        for (String name : optimizers.keySet()) {
            if (!maskLearns && isMask(name)) {
                continue;
            }
            INDArray grad = out.get(gradientName(name));
            if (grad != null && maskOffset != null && isMask(name)) {
                grad = grad.sub(grad.meanNumber());
            }
            if (grad != null) {
                optimizers.get(name).update(sd.getArrForVarName(name), grad);
            }
        }
        double loss = out.get(PruneGcrnGraph.LOSS).getDouble(0);
        if (maskLearns) {
            INDArray raw = sd.getArrForVarName(ModelParameters.RAW_MASK);
            raw.assign(Transforms.min(Transforms.max(raw, 0.0, false), 1.0, false));
        }
        return loss;
    }

    /**
     * The loss and every parameter's gradient, computed by a {@link StaticGraphRunner} over SameDiff's gradient
     * graph: each op runs once per step into arrays planned once (their memory shared by arrays that are never live
     * at the same time), instead of SameDiff's session, which costs ~1 ms of bookkeeping per op and leaves freeing to
     * the garbage collector when run through calculateGradients. Both compute the same ops; the runner computes the
     * matrix products on OpenBLAS from Java (equal to rounding).
     */
    private StaticGraphRunner gradientRunner() {
        if (runner == null) {
            GradientLogFilter.install();
            sd.createGradFunction();
            List<String> names = new ArrayList<>();
            names.add(PruneGcrnGraph.LOSS);
            if (sd.hasVariable(PruneGcrnGraph.SAMPLE_MAE)) {
                names.add(PruneGcrnGraph.SAMPLE_MAE);
            }
            optimizers.keySet().forEach(p -> names.add(gradientName(p)));
            runner = new StaticGraphRunner(sd.getFunction("grad"), runnerOptions, names.toArray(new String[0]));
        }
        return runner;
    }

    /** Bytes of intermediate arrays planned for the gradient graph (diagnostics, benchmarks). */
    public long plannedBytes() {
        return runner == null ? 0 : runner.allocatedBytes();
    }

    /** Peak bytes of planned arrays in use at one time (diagnostics, benchmarks). */
    public long peakLiveBytes() {
        return runner == null ? 0 : runner.peakLiveBytes();
    }

    private String gradientName(String parameter) {
        return sd.getVariable(parameter).getGradient().name();
    }

    /** The loss gradients of every parameter for one batch, without updating anything (tests, diagnostics). */
    public Map<String, INDArray> gradients(SlidingWindows.Batch batch, double gamma) {
        Map<String, INDArray> out = gradientRunner().run(placeholders(batch, gamma));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (String name : optimizers.keySet()) {
            grads.put(name, out.get(gradientName(name)).dup());
        }
        return grads;
    }

    /** Adam moments by "{param}.m" / "{param}.v", and step counts, for a checkpoint. */
    void exportState(Map<String, INDArray> moments, Map<String, Long> steps) {
        optimizers.forEach((name, opt) -> {
            moments.put(name + ".m", opt.firstMoment());
            moments.put(name + ".v", opt.secondMoment());
            steps.put(name, opt.step());
        });
    }

    void importState(Map<String, INDArray> moments, Map<String, Long> steps) {
        optimizers.replaceAll((name, old) -> new AdamOptimizer(moments.get(name + ".m").dup(),
                moments.get(name + ".v").dup(), rateOf(name), steps.get(name), isMask(name), beta1Of(name)));
    }

    Iterable<String> parameterNames() {
        return optimizers.keySet();
    }

    private static Map<String, INDArray> placeholders(SlidingWindows.Batch batch, double gamma) {
        return Map.of(PruneGcrnGraph.X, batch.x(), PruneGcrnGraph.Y, batch.y(), PruneGcrnGraph.GAMMA, Nd4j.scalar((float) gamma));
    }

    private static boolean isMask(String name) {
        return name.equals(ModelParameters.RAW_MASK);
    }

    private double beta1Of(String name) {
        return isMask(name) ? maskBeta1 : AdamOptimizer.BETA1;
    }

    private double rateOf(String name) {
        return name.equals(ModelParameters.RAW_MASK) ? maskLearningRate : learningRate;
    }
}
