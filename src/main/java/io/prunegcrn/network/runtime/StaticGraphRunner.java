package io.prunegcrn.network.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs the ops of a SameDiff graph that some outputs need, in order, into arrays planned once for one set of
 * placeholder shapes.
 *
 * <p>Why: SameDiff's session spends a fraction of a millisecond per op on dependency tracking, shape inference
 * and array allocation, and a training step here has ~1,600 ops; and when run for gradients it leaves freeing to
 * the garbage collector. The graph's shapes depend only on the placeholders' shapes, so the plan (op order, op
 * contexts, output arrays) is made once per shape, each run is one native call per op, and the arrays lie in one
 * arena where an array's memory is reused by arrays written after its last reader has run. The ops and their arguments are exactly SameDiff's, and
 * so are the kernels, except the few ops that {@code JavaKernels} computes in Java (the matrix products: single-threaded
 * OpenBLAS calls split over the cores), whose results equal libnd4j's to rounding; without them
 * ({@link RunnerOptions#withoutJavaKernels()}) results are bitwise SameDiff's. Tests compare both with SameDiff's session.
 *
 * <p>Not thread-safe: a plan owns its intermediate arrays. Graphs with control flow, views or ops whose
 * arguments are read from arrays at run time are refused ({@link UnsupportedOperationException}).
 */
public final class StaticGraphRunner {

    private final SameDiff sd;
    private final List<String> outputs;
    private final RunnerOptions options;

    /** The plan of the last placeholder shapes; a new shape (e.g. the last, partial batch) replaces it. */
    private String planned;
    private ExecutionPlan plan;

    public StaticGraphRunner(SameDiff sd, String... outputs) {
        this(sd, RunnerOptions.NONE, outputs);
    }

    public StaticGraphRunner(SameDiff sd, RunnerOptions options, String... outputs) {
        this.sd = sd;
        this.options = options;
        this.outputs = List.of(outputs);
    }

    /**
     * Runs the graph. The returned arrays belong to the plan and are overwritten by the next run with the same
     * placeholder shapes: copy what must outlive it.
     */
    public Map<String, INDArray> run(Map<String, INDArray> placeholders) {
        String key = shapeKey(placeholders);
        if (!key.equals(planned)) {
            if (plan != null) {
                plan.close(); // free the old plan's native arrays now, not when the garbage collector gets to them
                plan = null;
            }
            plan = new ExecutionPlan(sd, outputs, options, placeholders); // planning runs every op once
            planned = key;
            return plan.results();
        }
        plan.execute(placeholders);
        return plan.results();
    }

    /** Largest total size of the planned arrays live at one time (the floor for the arena in {@link #allocatedBytes}). */
    public long peakLiveBytes() {
        return plan == null ? 0 : plan.peakLiveBytes();
    }

    /** Bytes of intermediate arrays held by the current plan. */
    public long allocatedBytes() {
        return plan == null ? 0 : plan.bytes();
    }

    private static String shapeKey(Map<String, INDArray> placeholders) {
        StringBuilder sb = new StringBuilder();
        placeholders.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(e.getKey()).append(Arrays.toString(e.getValue().shape())).append(';'));
        return sb.toString();
    }
}
