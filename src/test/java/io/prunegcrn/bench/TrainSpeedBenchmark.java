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
import io.prunegcrn.model.StaticGraphRunner;
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
        for (int i = 0; steps > 0 && i <= steps; i++) {
            long t0 = System.nanoTime();
            step.run(data, 1.0, true);
            if (i > 0) { // the first step is a warm-up
                times.add((System.nanoTime() - t0) / 1e9);
            }
            if (steps >= 50 && i > 0 && (i == 1 || i % 25 == 0)) { // is resident memory flat over a long run?
                System.out.printf("result=rss step=%d rss_mb=%d%n", i, currentRssMb());
            }
        }
        printProfile("training", Math.max(1, steps));
        INDArray one = gaussian(rnd, nodes, shape.lag(), 1, 1);
        Map<String, INDArray> in = Map.of(PruneGcrnGraph.X, one);
        double sessionMs = millisPerCall(() -> sd.output(in, PruneGcrnGraph.FORECAST));
        StaticGraphRunner runner = new StaticGraphRunner(sd, PruneGcrnGraph.FORECAST);
        double inferMs = millisPerCall(() -> runner.run(in));
        printProfile("inference", 20);
        Collections.sort(times);
        double median = times.isEmpty() ? Double.NaN : times.get(times.size() / 2);
        double min = times.isEmpty() ? Double.NaN : times.get(0);
        System.out.printf("result=speed engine=samediff nodes=%d batch=%d threads=%s params=%d step_s_median=%.3f step_s_min=%.3f "
                + "infer_one_window_ms=%.1f infer_session_ms=%.1f planned_mb=%d live_peak_mb=%d peak_rss_mb=%d%n", nodes, batch,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), shape.parameterCount(), median, min, inferMs,
                sessionMs, step.plannedBytes() >> 20, step.peakLiveBytes() >> 20, peakRssMb());
    }

    /** With -Dprunegcrn.profile-ops=true: milliseconds per run by op name, largest first, then resets. */
    private static void printProfile(String phase, int runs) {
        if (StaticGraphRunner.OP_PROFILE == null) {
            return;
        }
        StaticGraphRunner.OP_PROFILE.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(15)
                .forEach(e -> System.out.printf("profile phase=%s op=%s ms_per_run=%.1f%n", phase, e.getKey(), e.getValue() / 1e6 / runs));
        StaticGraphRunner.OP_PROFILE.clear();
    }

    /** Mean milliseconds of 20 calls after one warm-up call. */
    private static double millisPerCall(Runnable call) {
        call.run();
        int reps = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            call.run();
        }
        return (System.nanoTime() - t0) / 1e6 / reps;
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

    /** VmRSS of this process: the resident set now. */
    private static long currentRssMb() throws Exception {
        return statusMb("VmRSS:");
    }

    /** A kB field of /proc/self/status in MB, or -1 where there is none. */
    private static long statusMb(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** VmHWM of this process: the peak resident set, heap and native buffers together. */
    private static long peakRssMb() throws Exception {
        long peak = statusMb("VmHWM:");
        return peak >= 0 ? peak : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }
}
