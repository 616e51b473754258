package io.prunegcrn.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
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

    public GradientStep(SameDiff sd, Iterable<String> parameters, double learningRate, double maskLearningRate) {
        this.sd = sd;
        this.learningRate = learningRate;
        this.maskLearningRate = maskLearningRate;
        for (String name : parameters) {
            optimizers.put(name, new AdamOptimizer(sd.getArrForVarName(name), rateOf(name)));
        }
    }

    /** @return the batch's loss, MAE × (1 + MLoss), in data units */
    public double run(SlidingWindows.Batch batch, double gamma, boolean maskLearns) {
        Map<String, INDArray> placeholders = Map.of(PruneGcrnGraph.X, batch.x(), PruneGcrnGraph.Y, batch.y(),
                PruneGcrnGraph.GAMMA, Nd4j.scalar((float) gamma));
        List<String> wanted = new ArrayList<>();
        for (String name : optimizers.keySet()) {
            if (maskLearns || !name.equals(PruneGcrnGraph.RAW_MASK)) {
                wanted.add(name);
            }
        }
        OutAndGrad result = sd.calculateGradientsAndOutputs(placeholders, List.of(PruneGcrnGraph.LOSS), wanted);
        Map<String, INDArray> grads = result.getGradients();
        for (String name : wanted) {
            INDArray grad = grads.get(name);
            if (grad != null) {
                optimizers.get(name).update(sd.getArrForVarName(name), grad);
            }
        }
        if (maskLearns) {
            INDArray raw = sd.getArrForVarName(PruneGcrnGraph.RAW_MASK);
            raw.assign(Transforms.min(Transforms.max(raw, 0.0, false), 1.0, false));
        }
        return result.getOutputs().get(PruneGcrnGraph.LOSS).getDouble(0);
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
                moments.get(name + ".v").dup(), rateOf(name), steps.get(name)));
    }

    Iterable<String> parameterNames() {
        return optimizers.keySet();
    }

    private double rateOf(String name) {
        return name.equals(PruneGcrnGraph.RAW_MASK) ? maskLearningRate : learningRate;
    }
}
