package io.prunegcrn.bench;

import java.util.Random;

import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.PruneGcrnGraph;
import io.prunegcrn.training.GradientStep;

/**
 * Profiles one training step with SameDiff's ProfilingListener and prints the time per op type, largest
 * first: {@code bench/profile-step --nodes 207 --batch 64}.
 */
public final class StepProfile {

    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args.length > 1 ? args[1] : "207");
        int batch = Integer.parseInt(args.length > 3 ? args[3] : "64");
        NetworkShape shape = NetworkShape.agcrn(nodes);
        ModelParameters init = ModelParameters.initial(shape, 0);
        SameDiff sd = PruneGcrnGraph.build(shape, init, 1.0);
        GradientStep step = new GradientStep(sd, init.asMap().keySet(), 0.003, 0.003);
        Random rnd = new Random(0);
        float[] x = new float[nodes * shape.lag() * batch];
        float[] y = new float[nodes * batch * shape.horizon()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        SlidingWindows.Batch data = new SlidingWindows.Batch(Nd4j.create(x, new long[] {nodes, shape.lag(), batch, 1}, DataType.FLOAT),
                Nd4j.create(y, new long[] {nodes, batch, shape.horizon()}, DataType.FLOAT), batch);
        long total = 0;
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            step.run(data, 1.0, true);
            total = System.nanoTime() - t0;
        }
        System.out.printf("step_s=%.2f%n", total / 1e9);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.ALL);
        OpProfiler.getInstance().reset();
        long t0 = System.nanoTime();
        step.run(data, 1.0, true);
        System.out.printf("profiled_step_s=%.2f%n", (System.nanoTime() - t0) / 1e9);
        OpProfiler.getInstance().printOutDashboard();
    }
}
