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
import io.prunegcrn.model.PruneGcrnGraph;

/**
 * One optimisation step of a PruneGCRN graph: forward, backward, Adam on every parameter, and, while the
 * mask learns, Adam on the raw mask with its own learning rate followed by the clamp to [0, 1].
 */
public final class GradientStep {

    private final SameDiff sd;
    private final Map<String, AdamOptimizer> optimizers = new LinkedHashMap<>();
    private final double learningRate;
    private final double maskLearningRate;
    private SameDiff gradients;

    public GradientStep(SameDiff sd, Iterable<String> parameters, double learningRate, double maskLearningRate) {
        this.sd = sd;
        this.learningRate = learningRate;
        this.maskLearningRate = maskLearningRate;
        for (String name : parameters) {
            optimizers.put(name, new AdamOptimizer(sd.getArrForVarName(name), rateOf(name), isMask(name)));
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
        Map<String, INDArray> placeholders = placeholders(batch, gamma);
        List<String> wanted = new ArrayList<>();
        for (String name : optimizers.keySet()) {
            if (maskLearns || maskGradientSum != null || !name.equals(PruneGcrnGraph.RAW_MASK)) {
                wanted.add(name);
            }
        }
        Map<String, INDArray> out = gradientFunction().output(placeholders, outputNames(wanted));
        if (maskGradientSum != null) {
            float[] g = out.get(sd.getVariable(PruneGcrnGraph.RAW_MASK).getGradient().name()).toFloatVector();
            for (int i = 0; i < g.length; i++) {
                maskGradientSum[i] += g[i];
            }
        }
        for (String name : wanted) {
            if (!maskLearns && isMask(name)) {
                continue;
            }
            INDArray grad = out.get(sd.getVariable(name).getGradient().name());
            if (grad != null) {
                optimizers.get(name).update(sd.getArrForVarName(name), grad);
            }
        }
        double loss = out.get(PruneGcrnGraph.LOSS).getDouble(0);
        out.values().forEach(GradientStep::free);
        if (maskLearns) {
            INDArray raw = sd.getArrForVarName(PruneGcrnGraph.RAW_MASK);
            raw.assign(Transforms.min(Transforms.max(raw, 0.0, false), 1.0, false));
        }
        return loss;
    }

    /**
     * SameDiff's own calculateGradients runs the gradient graph with its array cache switched off, so no
     * intermediate array is released or reused until the garbage collector happens to run (resident memory
     * then grows by a whole step's activations per step). Running the same gradient graph through output()
     * with the cache on releases every array as soon as its last consumer has run and reuses it next step.
     */
    private SameDiff gradientFunction() {
        if (gradients == null) {
            sd.createGradFunction();
            gradients = sd.getFunction("grad");
            gradients.setEnableCache(true);
        }
        return gradients;
    }

    private List<String> outputNames(List<String> params) {
        List<String> names = new ArrayList<>();
        names.add(PruneGcrnGraph.LOSS);
        for (String p : params) {
            names.add(sd.getVariable(p).getGradient().name());
        }
        return names;
    }

    private static void free(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }

    /** The loss gradients of every parameter for one batch, without updating anything (tests, diagnostics). */
    public Map<String, INDArray> gradients(SlidingWindows.Batch batch, double gamma) {
        Map<String, INDArray> placeholders = placeholders(batch, gamma);
        List<String> params = new ArrayList<>(optimizers.keySet());
        Map<String, INDArray> out = gradientFunction().output(placeholders, outputNames(params));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (String name : params) {
            grads.put(name, out.get(sd.getVariable(name).getGradient().name()).dup());
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
                moments.get(name + ".v").dup(), rateOf(name), steps.get(name), isMask(name)));
    }

    Iterable<String> parameterNames() {
        return optimizers.keySet();
    }

    private static Map<String, INDArray> placeholders(SlidingWindows.Batch batch, double gamma) {
        return Map.of(PruneGcrnGraph.X, batch.x(), PruneGcrnGraph.Y, batch.y(), PruneGcrnGraph.GAMMA, Nd4j.scalar((float) gamma));
    }

    private static boolean isMask(String name) {
        return name.equals(PruneGcrnGraph.RAW_MASK);
    }

    private double rateOf(String name) {
        return name.equals(PruneGcrnGraph.RAW_MASK) ? maskLearningRate : learningRate;
    }
}
