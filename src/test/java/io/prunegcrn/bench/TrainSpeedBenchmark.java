package io.prunegcrn.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.PruneGcrnGraph;
import io.prunegcrn.network.runtime.PerNodeForward;
import io.prunegcrn.network.runtime.PooledForward;
import io.prunegcrn.network.runtime.RunnerOptions;
import io.prunegcrn.network.runtime.StaticGraphRunner;
import io.prunegcrn.training.GradientStep;

/**
 * Times full training steps (forward, backward, Adam) on random data of a given shape with the default
 * hyperparameters, like shared/bench/torch_reference.py's {@code speed} mode, and prints one line.
 * Run through {@code bench/train-speed}.
 */
public final class TrainSpeedBenchmark {

    /** With -Dprunegcrn.profile-ops=true: nanoseconds per op name of every graph runner below, over all runs. */
    private static final Map<String, Long> OP_PROFILE = Boolean.getBoolean("prunegcrn.profile-ops") ? new ConcurrentHashMap<>() : null;
    private static final RunnerOptions RUNNER_OPTIONS = OP_PROFILE == null ? RunnerOptions.NONE : RunnerOptions.timingOpsInto(OP_PROFILE);

    public static void main(String[] args) throws Exception {
        int nodes = 307;
        int batch = 64;
        int steps = 5;
        int[] inferBatches = {};
        boolean modelRss = false;
        boolean inferOnly = false;
        boolean trainingOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--infer-batches" -> inferBatches = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--model-rss" -> modelRss = true;
                case "--infer-only" -> inferOnly = true;
                case "--training-only" -> trainingOnly = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        NetworkShape shape = NetworkShape.agcrn(nodes);
        if (modelRss) {
            printModelRss(shape);
            return;
        }
        if (inferOnly) {
            printInference(shape, inferBatches);
            return;
        }
        ModelParameters init = ModelParameters.initial(shape, 0);
        SameDiff sd = PruneGcrnGraph.build(shape, init, 1.0);
        GradientStep step = new GradientStep(sd, init.asMap().keySet(), 0.003, 0.003, RUNNER_OPTIONS);
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
        long trainPeakRssMb = peakRssMb(); // before the forecasts below add theirs
        Collections.sort(times);
        double median = times.isEmpty() ? Double.NaN : times.get(times.size() / 2);
        double min = times.isEmpty() ? Double.NaN : times.get(0);
        if (trainingOnly) {
            System.out.printf("result=speed engine=samediff nodes=%d batch=%d threads=%s params=%d step_s_median=%.3f "
                    + "step_s_min=%.3f planned_mb=%d live_peak_mb=%d train_peak_rss_mb=%d%n", nodes, batch,
                    System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), shape.parameterCount(), median, min,
                    step.plannedBytes() >> 20, step.peakLiveBytes() >> 20, trainPeakRssMb);
            return;
        }
        INDArray one = gaussian(rnd, nodes, shape.lag(), 1, 1);
        Map<String, INDArray> in = Map.of(PruneGcrnGraph.X, one);
        double sessionMs = millisPerCall(() -> sd.output(in, PruneGcrnGraph.FORECAST));
        StaticGraphRunner runner = new StaticGraphRunner(sd, RUNNER_OPTIONS, PruneGcrnGraph.FORECAST);
        double graphMs = millisPerCall(() -> runner.run(in));
        printProfile("inference-graph", 20);
        PerNodeForward perNode = PerNodeForward.of(shape, sd);
        double inferMs = millisPerCall(() -> perNode.forecast(in.get(PruneGcrnGraph.X)).close());
        PooledForward pooled = PooledForward.of(shape, sd); // the measured alternative (test sources)
        double pooledMs = millisPerCall(() -> pooled.forecast(in.get(PruneGcrnGraph.X)).close());
        for (int b : inferBatches) { // batches: dynamic batching and backtests
            Map<String, INDArray> many = Map.of(PruneGcrnGraph.X, gaussian(rnd, nodes, shape.lag(), b, 1));
            StaticGraphRunner batched = new StaticGraphRunner(sd, RUNNER_OPTIONS, PruneGcrnGraph.FORECAST);
            double g = millisPerCall(() -> batched.run(many), 3);
            double q = millisPerCall(() -> perNode.forecast(many.get(PruneGcrnGraph.X)).close(), 3);
            double p = millisPerCall(() -> pooled.forecast(many.get(PruneGcrnGraph.X)).close(), 3);
            System.out.printf("result=infer-batch nodes=%d batch=%d per_node_ms=%.1f pooled_ms=%.1f graph_ms=%.1f "
                    + "per_node_windows_per_s=%.1f pooled_windows_per_s=%.1f graph_windows_per_s=%.1f graph_planned_mb=%d%n",
                    nodes, b, q, p, g, 1000 * b / q, 1000 * b / p, 1000 * b / g, batched.allocatedBytes() >> 20);
        }
        System.out.printf("result=speed engine=samediff nodes=%d batch=%d threads=%s params=%d step_s_median=%.3f step_s_min=%.3f "
                + "infer_one_window_ms=%.1f infer_pooled_ms=%.1f infer_graph_ms=%.1f infer_session_ms=%.1f planned_mb=%d live_peak_mb=%d "
                + "train_peak_rss_mb=%d peak_rss_mb=%d%n", nodes, batch,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), shape.parameterCount(), median, min, inferMs,
                pooledMs, graphMs, sessionMs, step.plannedBytes() >> 20, step.peakLiveBytes() >> 20, trainPeakRssMb, peakRssMb());
    }

    /** With -Dprunegcrn.profile-ops=true: milliseconds per run by op name, largest first, then resets. */
    private static void printProfile(String phase, int runs) {
        if (OP_PROFILE == null) {
            return;
        }
        OP_PROFILE.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(15)
                .forEach(e -> System.out.printf("profile phase=%s op=%s ms_per_run=%.1f%n", phase, e.getKey(), e.getValue() / 1e6 / runs));
        OP_PROFILE.clear();
    }

    /** Mean milliseconds of 20 calls after one warm-up call. */
    private static double millisPerCall(Runnable call) {
        return millisPerCall(call, 20);
    }

    private static double millisPerCall(Runnable call, int reps) {
        call.run();
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

    /**
     * The three forecast paths at the given batch sizes: median of 7 calls after 3 warm-up calls (3 after 1 from 16
     * windows up), so the JIT has compiled the Java parts, as in a service that has been serving for a while.
     */
    private static void printInference(NetworkShape shape, int[] batches) {
        int nodes = shape.nodes();
        Random rnd = new Random(0);
        SameDiff sd = PruneGcrnGraph.build(shape, ModelParameters.initial(shape, 0), 1.0);
        PerNodeForward perNode = PerNodeForward.of(shape, sd);
        PooledForward pooled = PooledForward.of(shape, sd);
        for (int b : batches) {
            INDArray x = gaussian(rnd, nodes, shape.lag(), b, 1);
            int warmUps = b < 16 ? 3 : 1;
            int calls = b < 16 ? 7 : 3;
            double q = medianMillis(() -> perNode.forecast(x).close(), warmUps, calls);
            double p = medianMillis(() -> pooled.forecast(x).close(), warmUps, calls);
            StaticGraphRunner graph = new StaticGraphRunner(sd, RUNNER_OPTIONS, PruneGcrnGraph.FORECAST);
            double g = medianMillis(() -> graph.run(Map.of(PruneGcrnGraph.X, x)), warmUps, calls);
            System.out.printf("result=infer nodes=%d batch=%d threads=%s per_node_ms=%.1f pooled_ms=%.1f graph_ms=%.1f "
                    + "per_node_windows_per_s=%.1f graph_windows_per_s=%.1f%n", nodes, b,
                    System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), q, p, g, 1000 * b / q, 1000 * b / g);
        }
    }

    private static double medianMillis(Runnable call, int warmUps, int calls) {
        for (int i = 0; i < warmUps; i++) {
            call.run();
        }
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[calls / 2];
    }

    /**
     * Resident memory that one model ready to forecast adds: its graph with the parameters (what loading a saved model
     * gives) and its per-node forward, after 20 forecasts; then after releasing the per-node weights and a GC (the
     * JVM may keep the freed heap resident).
     */
    private static void printModelRss(NetworkShape shape) throws Exception {
        Random rnd = new Random(0);
        INDArray x = gaussian(rnd, shape.nodes(), shape.lag(), 1, 1);
        x.addi(0); // ND4J's native side up before the baseline
        System.gc();
        long before = currentRssMb();
        SameDiff sd = PruneGcrnGraph.build(shape, ModelParameters.initial(shape, 0), 1.0);
        PerNodeForward forward = PerNodeForward.of(shape, sd);
        for (int i = 0; i < 20; i++) {
            forward.forecast(x).close();
        }
        System.gc();
        long loaded = currentRssMb();
        long weightsMb = forward.heldBytes() >> 20;
        forward.release();
        System.gc();
        long released = currentRssMb();
        System.out.printf("result=model-rss nodes=%d rss_before_mb=%d rss_loaded_mb=%d model_adds_mb=%d per_node_weights_mb=%d "
                + "rss_after_release_mb=%d%n", shape.nodes(), before, loaded, loaded - before, weightsMb, released);
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
