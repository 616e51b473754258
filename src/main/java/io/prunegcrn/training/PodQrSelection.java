package io.prunegcrn.training;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import io.prunegcrn.dataset.TrafficSeries;

/**
 * MODEL.md's {@code qr} selector (Manohar, Brunton, Kutz & Brunton 2018; PySensors' SSPOR with its QR optimiser):
 * the top k POD modes Ψ (right singular vectors) of the training series, each sensor centred and scaled to unit
 * deviation, then QR with column pivoting on Ψᵀ: each pivot is the sensor whose column keeps the largest norm
 * after the sensors already taken are projected out. Must-keep sensors are taken first, must-drop ones never.
 */
final class PodQrSelection {

    private PodQrSelection() {
    }

    static float[] select(TrafficSeries series, int trainEnd, int count, SensorConstraints constraints) {
        int n = series.nodes();
        DMatrixRMaj modes = podModes(standardized(series, trainEnd), count); // count × N
        return constraints.pick(n, count, pivots(modes, count, constraints));
    }

    /** The training part with each sensor centred and scaled to unit deviation (a constant sensor stays 0). */
    static DMatrixRMaj standardized(TrafficSeries series, int trainEnd) {
        int n = series.nodes();
        DMatrixRMaj x = new DMatrixRMaj(trainEnd, n);
        for (int i = 0; i < n; i++) {
            double[] c = BaselineSelection.centred(series, trainEnd, i);
            double sd = Math.sqrt(BaselineSelection.sumOfSquares(c) / trainEnd);
            for (int t = 0; t < trainEnd; t++) {
                x.set(t, i, sd > 0 ? c[t] / sd : 0);
            }
        }
        return x;
    }

    /** The top {@code r} right singular vectors of {@code x} as the rows of an r × N matrix. */
    static DMatrixRMaj podModes(DMatrixRMaj x, int r) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(x.numRows, x.numCols, false, true, true);
        if (!svd.decompose(x.copy())) {
            throw new IllegalStateException("the SVD of the training series did not converge");
        }
        DMatrixRMaj vt = svd.getV(null, true);
        DMatrixRMaj w = svd.getW(null);
        SingularOps_DDRM.descendingOrder(null, false, w, vt, true);
        int rows = Math.min(r, vt.numRows);
        DMatrixRMaj top = new DMatrixRMaj(rows, vt.numCols);
        System.arraycopy(vt.data, 0, top.data, 0, rows * vt.numCols);
        return top;
    }

    /**
     * Column pivoting on {@code a} (r × N), by modified Gram–Schmidt: the must-keep columns first, then repeatedly the
     * allowed column with the largest residual norm. Returns up to {@code count} pivots in order.
     */
    static int[] pivots(DMatrixRMaj a, int count, SensorConstraints constraints) {
        int r = a.numRows;
        int n = a.numCols;
        double[][] col = new double[n][r];
        double[] norm2 = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < r; i++) {
                col[j][i] = a.get(i, j);
                norm2[j] += col[j][i] * col[j][i];
            }
        }
        boolean[] taken = new boolean[n];
        int[] order = new int[Math.min(count, n)];
        int k = 0;
        for (int forced : constraints.mustKeep()) {
            if (k < order.length) {
                k = take(forced, col, norm2, taken, order, k);
            }
        }
        while (k < order.length) {
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (!taken[j] && constraints.mayKeep(j) && (best < 0 || norm2[j] > norm2[best])) {
                    best = j;
                }
            }
            if (best < 0) {
                break;
            }
            k = take(best, col, norm2, taken, order, k);
        }
        return java.util.Arrays.copyOf(order, k);
    }

    /** Takes column p as the next pivot and projects its direction out of every column not yet taken. */
    private static int take(int p, double[][] col, double[] norm2, boolean[] taken, int[] order, int k) {
        taken[p] = true;
        order[k] = p;
        double len = Math.sqrt(norm2[p]);
        if (len > 1e-12) {
            double[] q = col[p].clone();
            for (int i = 0; i < q.length; i++) {
                q[i] /= len;
            }
            for (int j = 0; j < col.length; j++) {
                if (taken[j]) {
                    continue;
                }
                double dot = 0;
                for (int i = 0; i < q.length; i++) {
                    dot += q[i] * col[j][i];
                }
                double s = 0;
                for (int i = 0; i < q.length; i++) {
                    col[j][i] -= dot * q[i];
                    s += col[j][i] * col[j][i];
                }
                norm2[j] = s;
            }
        }
        return k + 1;
    }
}
