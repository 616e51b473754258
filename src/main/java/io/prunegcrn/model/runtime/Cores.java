package io.prunegcrn.model.runtime;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How the runtime's Java kernels share the cores: work is cut into as many parts as libnd4j has threads (so
 * {@code OMP_NUM_THREADS} sets both), and every OpenBLAS call runs on the thread that makes it.
 *
 * <p>Why OpenBLAS's own threads are off: a GEMM above its small threshold (m·n·k > 262,144) wakes them, they spin
 * long after the call, and beside the Java threads that already split the work they took the cores from them (the
 * per-node forward measured twice the time). Splitting in Java needs no size threshold and no locking in OpenBLAS.
 */
final class Cores {

    /** libnd4j's thread count; read first, because loading ND4J sets OpenBLAS's threads. */
    private static final int PARTS = Math.max(1, Nd4j.getEnvironment().maxMasterThreads());

    static {
        openblas.blas_set_num_threads(1);
    }

    /** Below this many multiply-adds a product runs on the calling thread: a fork costs about as much. */
    static final long MIN_PARALLEL_WORK = 1L << 20;

    private Cores() {
    }

    /** Parts to cut parallel work into: libnd4j's thread count. */
    static int parts() {
        return PARTS;
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
