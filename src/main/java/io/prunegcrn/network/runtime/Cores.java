package io.prunegcrn.network.runtime;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How the runtime's Java kernels share the cores: work is cut into as many parts as libnd4j had threads at start (so
 * {@code OMP_NUM_THREADS} sets both), and every OpenBLAS call runs on the thread that makes it. A service that trains
 * several jobs at once gives each job's thread fewer parts ({@link #onThreads}) and libnd4j fewer threads
 * ({@link #shareForTraining}), while its forecasts keep the split of the start.
 *
 * <p>Why OpenBLAS's own threads are off: a GEMM above its small threshold (m·n·k > 262,144) wakes them, they spin
 * long after the call, and beside the Java threads that already split the work they took the cores from them (the
 * per-node forward measured twice the time). Splitting in Java needs no size threshold and no locking in OpenBLAS.
 */
public final class Cores {

    /** libnd4j's thread count at start; read first, because loading ND4J sets OpenBLAS's threads. */
    private static final int PARTS = Math.max(1, Nd4j.getEnvironment().maxMasterThreads());

    /** The parts of the calling thread when it is a training job's that shares the cores; unset: {@link #PARTS}. */
    private static final ThreadLocal<Integer> THREAD_PARTS = new ThreadLocal<>();

    static {
        openblas.blas_set_num_threads(1);
    }

    /** Below this many multiply-adds a product runs on the calling thread: a fork costs about as much. */
    static final long MIN_PARALLEL_WORK = 1L << 20;

    private Cores() {
    }

    /** Parts to cut parallel work into: the calling thread's share, or libnd4j's thread count at start. */
    static int parts() {
        Integer own = THREAD_PARTS.get();
        return own == null ? PARTS : own;
    }

    /**
     * Caps the threads of libnd4j's loops ({@code samediff::Threads}, sized by its "master threads") at
     * {@code threadsPerJob} for the whole process, so that jobs training side by side each run their native ops on that
     * many threads instead of one per core each. Forecasts keep their Java split (read at start).
     */
    public static void shareForTraining(int threadsPerJob) {
        Nd4j.getEnvironment().setMaxMasterThreads(Math.min(Math.max(1, threadsPerJob), PARTS));
    }

    /**
     * {@code task} on {@code threads} threads: its Java kernels split into that many parts, and its OpenMP regions
     * (OpenMP's thread count is the calling thread's own) as wide. A training job's share of the cores.
     */
    public static Runnable onThreads(int threads, Runnable task) {
        int parts = Math.max(1, threads);
        return () -> {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(parts);
            THREAD_PARTS.set(parts);
            try {
                task.run();
            } finally {
                THREAD_PARTS.remove();
            }
        };
    }

    /** Runs {@code part} for 0..parts−1, in parallel when there is more than one. */
    static void run(int parts, IntConsumer part) {
        if (parts == 1) {
            part.accept(0);
        } else {
            IntStream.range(0, parts).parallel().forEach(part);
        }
    }
}
