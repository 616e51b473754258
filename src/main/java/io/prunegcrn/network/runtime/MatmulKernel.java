package io.prunegcrn.network.runtime;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.Shape;

/**
 * libnd4j's {@code matmul} and {@code matmul_bp} (any transpose flags, alpha 1, beta 0) on float row-major arrays of
 * rank 2, or of rank 3 with one product per leading index: the graph's per-node products. Each product is one
 * single-threaded OpenBLAS GEMM on the arrays' memory; the leading index is split over the cores, and a single product
 * by its rows or columns ({@link Cores}). {@code matmul_bp} is the two products libnd4j's kernel makes:
 * {@code dL/dx} from (eps, y) and {@code dL/dy} from (x, eps).
 *
 * <p>Why: these products were 3.0 s of a 5.0 s training step at N = 207, batch 64; libnd4j ran the per-node ones at a
 * fraction of the GEMM speed that OpenBLAS reaches on the same shapes.
 */
final class MatmulKernel implements JavaKernel {

    private final boolean backward;
    private final boolean transX;
    private final boolean transY;
    private final boolean transZ;

    private MatmulKernel(boolean backward, boolean transX, boolean transY, boolean transZ) {
        this.backward = backward;
        this.transX = transX;
        this.transY = transY;
        this.transZ = transZ;
    }

    /** This kernel for a {@code matmul} or {@code matmul_bp} op on arrays it suits, else null. */
    static MatmulKernel match(DifferentialFunction op, INDArray[] inputs, INDArray[] outputs) {
        String name = op.opName();
        boolean backward = name.equals("matmul_bp");
        if (!backward && !name.equals("matmul") || !(op instanceof DynamicCustomOp custom)) {
            return null;
        }
        long[] flags = custom.iArgs();
        double[] scale = custom.tArgs();
        boolean plain = flags.length <= 3 && scale.length <= 2 && (scale.length < 1 || scale[0] == 1.0)
                && (scale.length < 2 || scale[1] == 0.0);
        for (long f : flags) {
            plain &= f == 0 || f == 1;
        }
        if (!plain) {
            return null;
        }
        MatmulKernel kernel = new MatmulKernel(backward, flag(flags, 0), flag(flags, 1), flag(flags, 2));
        return kernel.suits(inputs, outputs) ? kernel : null;
    }

    private static boolean flag(long[] flags, int i) {
        return flags.length > i && flags[i] == 1;
    }

    @Override
    public boolean run(INDArray[] inputs, INDArray[] outputs) {
        if (!suits(inputs, outputs)) {
            return false;
        }
        if (backward) {
            INDArray x = inputs[0];
            INDArray y = inputs[1];
            INDArray eps = inputs[2];
            product(eps, transZ, y, !transY, transX, outputs[0]);
            product(x, !transX, eps, transZ, transY, outputs[1]);
        } else {
            product(inputs[0], transX, inputs[1], transY, transZ, outputs[0]);
        }
        return true;
    }

    /**
     * The arrays' types, layout and shapes: float, dense row-major (a plan's arrays are views at offsets into its arena:
     * {@code data().addressPointer()} is a view's first element), consistent ranks and sizes.
     */
    private boolean suits(INDArray[] inputs, INDArray[] outputs) {
        if (inputs.length != (backward ? 3 : 2) || outputs.length != (backward ? 2 : 1)) {
            return false;
        }
        int rank = inputs[0].rank();
        if (rank != 2 && rank != 3) {
            return false;
        }
        for (INDArray a : inputs) {
            if (!dense(a, rank, inputs[0])) {
                return false;
            }
        }
        for (INDArray a : outputs) {
            if (!dense(a, rank, inputs[0])) {
                return false;
            }
        }
        INDArray x = inputs[0];
        INDArray y = inputs[1];
        long m = x.size(rank - (transX ? 1 : 2));
        long k = x.size(rank - (transX ? 2 : 1));
        long n = y.size(rank - (transY ? 2 : 1));
        if (y.size(rank - (transY ? 1 : 2)) != k) {
            return false;
        }
        INDArray z = backward ? inputs[2] : outputs[0];
        boolean zFits = z.size(rank - 2) == (transZ ? n : m) && z.size(rank - 1) == (transZ ? m : n);
        return zFits && (!backward || outputs[0].equalShapes(x) && outputs[1].equalShapes(y));
    }

    private static boolean dense(INDArray a, int rank, INDArray first) {
        return a.dataType() == DataType.FLOAT && a.rank() == rank && a.length() > 0 && a.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(a) && (rank == 2 || a.size(0) == first.size(0));
    }

    /** c = op(a)·op(b), or its transpose with {@code transC}, as libnd4j's matmul does it (swapped operands). */
    private static void product(INDArray a, boolean transA, INDArray b, boolean transB, boolean transC, INDArray c) {
        if (transC) {
            gemm(b, !transB, a, !transA, c);
        } else {
            gemm(a, transA, b, transB, c);
        }
    }

    /** c[i] = op(a[i])·op(b[i]) for every leading index i (once at rank 2). */
    private static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c) {
        int rank = c.rank();
        int batch = rank == 3 ? (int) c.size(0) : 1;
        int m = (int) c.size(rank - 2);
        int n = (int) c.size(rank - 1);
        int k = (int) a.size(rank - (transA ? 2 : 1));
        int lda = (int) a.size(rank - 1);
        int ldb = (int) b.size(rank - 1);
        Pointer aAt = a.data().addressPointer();
        Pointer bAt = b.data().addressPointer();
        Pointer cAt = c.data().addressPointer();
        int parts = (long) batch * m * n * k < Cores.MIN_PARALLEL_WORK ? 1 : Cores.parts();
        if (batch > 1 || parts == 1) {
            int ps = Math.min(parts, batch);
            Cores.run(ps, p -> {
                FloatPointer pa = new FloatPointer(aAt);
                FloatPointer pb = new FloatPointer(bAt);
                FloatPointer pc = new FloatPointer(cAt);
                for (int i = p * batch / ps; i < (p + 1) * batch / ps; i++) {
                    sgemm(transA, transB, m, n, k, pa.position((long) i * m * k), lda, pb.position((long) i * k * n), ldb,
                            pc.position((long) i * m * n), n);
                }
            });
        } else if (m >= n) {
            int ps = Math.min(parts, m);
            Cores.run(ps, p -> { // rows of op(a) and c
                int r0 = p * m / ps;
                int r1 = (p + 1) * m / ps;
                sgemm(transA, transB, r1 - r0, n, k, new FloatPointer(aAt).position(transA ? r0 : (long) r0 * lda), lda,
                        new FloatPointer(bAt), ldb, new FloatPointer(cAt).position((long) r0 * n), n);
            });
        } else {
            int ps = Math.min(parts, n);
            Cores.run(ps, p -> { // columns of op(b) and c
                int c0 = p * n / ps;
                int c1 = (p + 1) * n / ps;
                sgemm(transA, transB, m, c1 - c0, k, new FloatPointer(aAt), lda,
                        new FloatPointer(bAt).position(transB ? (long) c0 * ldb : c0), ldb, new FloatPointer(cAt).position(c0), n);
            });
        }
    }

    private static void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda, FloatPointer b,
            int ldb, FloatPointer c, int ldc) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc);
    }
}
