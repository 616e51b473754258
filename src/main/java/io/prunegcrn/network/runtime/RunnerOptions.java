package io.prunegcrn.network.runtime;

import java.util.Map;

/**
 * What a {@link StaticGraphRunner} does besides running its graph: checks for tests and timings for benchmarks,
 * chosen when it is built. Services and training use {@link #NONE}.
 *
 * @param poisonReleased fill every array with NaN once its last reader has run, so that a read of a dead array
 *                       shows in the results (tests of the buffer reuse)
 * @param opNanos        when not null, nanoseconds per op name are added to it on every run after planning; runners
 *                       may share one map, so it must be safe for concurrent updates (bench/train-speed)
 * @param javaKernels    compute the ops that {@code JavaKernels} matches in Java (the default); without them every op
 *                       runs libnd4j's kernel, bitwise as SameDiff's session (tests, the benchmark's baseline)
 */
public record RunnerOptions(boolean poisonReleased, Map<String, Long> opNanos, boolean javaKernels) {

    public static final RunnerOptions NONE = new RunnerOptions(false, null, true);

    public static RunnerOptions poisoningReleasedArrays() {
        return new RunnerOptions(true, null, true);
    }

    public static RunnerOptions timingOpsInto(Map<String, Long> opNanos) {
        return new RunnerOptions(false, opNanos, true);
    }

    /** These options with every op on libnd4j's kernel. */
    public RunnerOptions withoutJavaKernels() {
        return new RunnerOptions(poisonReleased, opNanos, false);
    }
}
