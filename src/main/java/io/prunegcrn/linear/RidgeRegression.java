package io.prunegcrn.linear;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;

/**
 * Fits a {@link LinearForecaster}: ridge regression from the kept sensors' z-scored last {@code lag} readings
 * (centred, so the intercept is not penalised) to all sensors' next {@code horizon} readings, on the training
 * windows, with the penalty λ that gives the lowest validation MAE.
 *
 * <p>How: one symmetric eigendecomposition (EJML) of the Gram matrix on the smaller side (features × features when
 * there are fewer features than windows, windows × windows otherwise), after which every λ costs one product: the
 * validation forecasts are {@code M diag(1/(e + λ)) B} for matrices computed once. The large products run in double
 * precision on OpenBLAS through ND4J (EJML's own products are several times slower at these sizes).
 */
public final class RidgeRegression {

    /** The penalties tried, as multiples of the number of training windows (the Gram's scale). */
    static final double[] PENALTIES = {0.1, 0.3, 1, 3, 10, 30};

    /** A fitted forecaster, its validation MAE (data units) and that of every penalty tried. */
    public record Fit(LinearForecaster forecaster, double validationMae, Map<Double, Double> validationMaeByLambda) {
    }

    private RidgeRegression() {
    }

    /**
     * @param std  the z-score's scale, so that MAE is in data units
     * @param kept indices of the sensors the forecaster reads, ascending
     */
    public static Fit fit(SlidingWindows windows, ChronologicalSplit split, double std, int[] kept) {
        return fit(windows, split, std, kept, null, null);
    }

    /**
     * Fits the forecaster to what a base forecast leaves: the targets minus {@code trainBase} (and {@code valBase} for
     * the choice of λ), each laid out as {@link #targets} (one row per window); null bases fit the readings themselves.
     * The returned validation MAE is that of base + forecaster.
     */
    public static Fit fit(SlidingWindows windows, ChronologicalSplit split, double std, int[] kept, INDArray trainBase,
            INDArray valBase) {
        int[] train = windows.within(0, split.trainEnd());
        int[] val = windows.within(split.trainEnd(), split.validationEnd());
        INDArray x = features(windows, train, kept);
        INDArray y = targets(windows, train);
        if (trainBase != null) {
            y.subi(trainBase.castTo(DataType.DOUBLE));
        }
        INDArray xMean = x.mean(0);
        INDArray yMean = y.mean(0);
        x.subiRowVector(xMean);
        y.subiRowVector(yMean);
        INDArray xVal = features(windows, val, kept).subiRowVector(xMean);
        INDArray yVal = targets(windows, val);
        if (valBase != null) {
            yVal.subi(valBase.castTo(DataType.DOUBLE));
        }
        yVal.subiRowVector(yMean);

        int n = (int) x.rows();
        int p = (int) x.columns();
        boolean primal = p <= n;
        // the Gram matrix on the smaller side, its eigenvalues e and eigenvectors Z (columns)
        INDArray gram = primal ? x.transpose().mmul(x) : x.mmul(x.transpose());
        int m = (int) gram.rows();
        double[] e = new double[m];
        INDArray z = eigenvectors(gram, e);
        // primal: W = Z D Zᵀ Xᵀ Y; dual: W = Xᵀ Z D Zᵀ Y; with D = diag(1 / (e + λ)) and B = Zᵀ (XᵀY or Y)
        INDArray b = z.transpose().mmul(primal ? x.transpose().mmul(y) : y);
        INDArray left = primal ? z : x.transpose().mmul(z); // maps Z-coordinates to weights
        INDArray valLeft = xVal.mmul(left);

        Map<Double, Double> maeByLambda = new LinkedHashMap<>();
        double bestLambda = Double.NaN;
        double bestMae = Double.POSITIVE_INFINITY;
        for (double factor : PENALTIES) {
            double lambda = factor * n;
            INDArray predicted = valLeft.mmul(scaledRows(b, e, lambda));
            double mae = predicted.subi(yVal).norm1Number().doubleValue() / predicted.length() * std;
            maeByLambda.put(lambda, mae);
            if (mae < bestMae) {
                bestMae = mae;
                bestLambda = lambda;
            }
        }
        INDArray w = left.mmul(scaledRows(b, e, bestLambda));
        INDArray intercept = yMean.sub(xMean.reshape(1, p).mmul(w).reshape(yMean.shape()));
        LinearForecaster f = new LinearForecaster(windows.nodes(), windows.lag(), windows.horizon(), kept, bestLambda,
                w.castTo(DataType.FLOAT).data().asFloat(), intercept.castTo(DataType.FLOAT).data().asFloat());
        return new Fit(f, bestMae, maeByLambda);
    }

    /** Eigen-decomposes the symmetric {@code gram} (EJML); eigenvalues into {@code e} (clipped at 0), vectors as columns. */
    private static INDArray eigenvectors(INDArray gram, double[] e) {
        int m = (int) gram.rows();
        DMatrixRMaj g = new DMatrixRMaj(m, m, true, gram.dup('c').data().asDouble());
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(g)) {
            throw new IllegalStateException("the eigendecomposition of the ridge Gram matrix did not converge");
        }
        double[] z = new double[m * m];
        for (int i = 0; i < m; i++) {
            e[i] = Math.max(0, eig.getEigenvalue(i).real);
            DMatrixRMaj v = eig.getEigenVector(i);
            for (int r = 0; r < m; r++) {
                z[r * m + i] = v.get(r);
            }
        }
        return Nd4j.create(z, new long[] {m, m}, 'c');
    }

    private static INDArray scaledRows(INDArray b, double[] e, double lambda) {
        double[] s = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            s[i] = 1 / (e[i] + lambda);
        }
        return b.mulColumnVector(Nd4j.createFromArray(s).reshape(e.length, 1));
    }

    /** One row per window: kept sensor j's reading at input step t in column {@code j·lag + t}. */
    static INDArray features(SlidingWindows windows, int[] steps, int[] kept) {
        int lag = windows.lag();
        int p = kept.length * lag;
        double[] x = new double[steps.length * p];
        for (int r = 0; r < steps.length; r++) {
            for (int j = 0; j < kept.length; j++) {
                for (int t = 0; t < lag; t++) {
                    x[r * p + j * lag + t] = windows.normalized(steps[r] - lag + t, kept[j]);
                }
            }
        }
        return Nd4j.create(x, new long[] {steps.length, p}, 'c');
    }

    /** One row per window: sensor n's reading at horizon step h in column {@code n·horizon + h}. */
    public static INDArray targets(SlidingWindows windows, int[] steps) {
        int nodes = windows.nodes();
        int horizon = windows.horizon();
        int q = nodes * horizon;
        double[] y = new double[steps.length * q];
        for (int r = 0; r < steps.length; r++) {
            for (int n = 0; n < nodes; n++) {
                for (int h = 0; h < horizon; h++) {
                    y[r * q + n * horizon + h] = windows.normalized(steps[r] + h, n);
                }
            }
        }
        return Nd4j.create(y, new long[] {steps.length, q}, 'c');
    }
}
