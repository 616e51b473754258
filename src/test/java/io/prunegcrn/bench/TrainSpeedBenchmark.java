package io.prunegcrn.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.model.ModelParameters;
import io.prunegcrn.model.NetworkShape;
import io.prunegcrn.model.PruneGcrnGraph;
import io.prunegcrn.training.GradientStep;

/**
 * Times full training steps (forward, backward, Adam) on random data of a given shape with the default
 * hyperparameters, like shared/bench/torch_reference.py's {@code speed} mode, and prints one line.
 * Run through {@code bench/train-speed}.
 */
public final class TrainSpeedBenchmark {

    public static void main(String[] args) throws Exception {
        int nodes = 307;
        int batch = 64;
        int steps = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        NetworkShape shape = NetworkShape.agcrn(nodes);
        ModelParameters init = ModelParameters.initial(shape, 0);
        SameDiff sd = PruneGcrnGraph.build(shape, init, 1.0);
        GradientStep step = new GradientStep(sd, init.asMap().keySet(), 0.003, 0.003);
        Random rnd = new Random(0);
        SlidingWindows.Batch data = new SlidingWindows.Batch(gaussian(rnd, nodes, shape.lag(), batch, 1),
                gaussian(rnd, nodes, batch, shape.horizon()), batch);

        List<Double> times = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            long t0 = System.nanoTime();
            step.run(data, 1.0, true);
            if (i > 0) { // the first step is a warm-up
                times.add((System.nanoTime() - t0) / 1e9);
            }
        }
        INDArray one = gaussian(rnd, nodes, shape.lag(), 1, 1);
        Map<String, INDArray> in = Map.of(PruneGcrnGraph.X, one);
        sd.output(in, PruneGcrnGraph.FORECAST);
        int reps = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            sd.output(in, PruneGcrnGraph.FORECAST);
        }
        double inferMs = (System.nanoTime() - t0) / 1e6 / reps;
        Collections.sort(times);
        System.out.printf("result=speed engine=samediff nodes=%d batch=%d threads=%s params=%d step_s_median=%.3f step_s_min=%.3f "
                + "infer_one_window_ms=%.1f peak_rss_mb=%d%n", nodes, batch, System.getenv().getOrDefault("OMP_NUM_THREADS", "default"),
                shape.parameterCount(), times.get(times.size() / 2), times.get(0), inferMs, peakRssMb());
    }

    private static INDArray gaussian(Random rnd, long... shape) {
        int len = 1;
        for (long s : shape) {
            len *= (int) s;
        }
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.FLOAT);
    }

    /** VmHWM of this process: the peak resident set, heap and native buffers together. */
    private static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }
}
