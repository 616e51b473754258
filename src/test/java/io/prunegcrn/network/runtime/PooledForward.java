package io.prunegcrn.network.runtime;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.PruneGcrnGraph;

/**
 * The forecast of {@link PruneGcrnGraph} for a few windows, computed against the shared weight pools instead of the
 * per-node weights: the alternative to {@link PerNodeForward} that issue 13 measured (bench/train-speed prints both)
 * and did not ship, kept with the benchmark. Inference only.
 *
 * <p>Why: the graph forms the node-adaptive weights {@code W_n = Σ_d E[n,d] W_pool[d]} (about 90 MB at N = 307) and
 * streams them from memory at every recurrent step, which at one window is memory-bound (~360 ms of ~530 ms). The
 * same product can be regrouped as
 * <pre>
 *   Σ_c g[n,b,c] W_n[c,o]  =  Σ_(d,c) (E[n,d] · g[n,b,c]) · W_pool[d,c,o]  =  ((E ⊗ g) · W_pool)[n·b, o]
 * </pre>
 * one BLAS GEMM of {@code [N·B, d·F]} by {@code [d·F, O]} per support, whose pool (under 1 MB) stays in cache. It
 * does d times the arithmetic of the per-node product; since the per-node products call OpenBLAS directly it is the
 * slower path at every batch size measured ({@code bench/compare-forecast} prints both). Only the GEMMs leave Java
 * (the pool products as ND4J ops, the support products straight to OpenBLAS); the element-wise work (E ⊗ g, gates,
 * state update) is plain Java on arrays, because each ND4J op call costs tens of microseconds.
 *
 * <p>Thread-safe: every call allocates its own arrays and frees the native ones before it returns, so an idle model
 * holds only its parameters (a few MB).
 */
public final class PooledForward {

    private final ForwardParameters p;
    /**
     * Per layer, its pools regrouped per support k as {@code [d·F, O]} matrices (rows (d, f)) for the input half
     * (O = 3H: update z, reset r, candidate), the gate's state half (2H) and the candidate's state half (H).
     */
    private final PooledLayer[] pooled;

    private record PooledLayer(INDArray[] input, INDArray[] gate, INDArray[] candidate) {
    }

    private PooledForward(ForwardParameters p) {
        this.p = p;
        NetworkShape s = p.shape;
        int h = s.hiddenUnits();
        this.pooled = new PooledLayer[p.layers.length];
        for (int l = 0; l < p.layers.length; l++) {
            ForwardParameters.Layer layer = p.layers[l];
            pooled[l] = new PooledLayer(pool(ForwardParameters.floats(layer.input()), s, layer.in(), 3 * h),
                    pool(ForwardParameters.floats(layer.gate()), s, h, 2 * h),
                    pool(ForwardParameters.floats(layer.candidate()), s, h, h));
        }
    }

    /** From the variables of a graph made by {@link PruneGcrnGraph#build}. */
    public static PooledForward of(NetworkShape s, SameDiff graph) {
        return new PooledForward(ForwardParameters.of(s, graph));
    }

    public static PooledForward of(NetworkShape s, ModelParameters parameters) {
        return new PooledForward(ForwardParameters.of(s, parameters));
    }

    /**
     * Forecast of the graph's {@code forecast} output for the same input.
     *
     * @param x normalised readings {@code [N, T, B, C]}, as the graph's placeholder
     * @return {@code [N, B, horizon]}, owned by the caller
     */
    public INDArray forecast(INDArray x) {
        float[] values = p.windows(x);
        int batch = (int) x.size(2);
        try (Gemms gemms = new Gemms()) {
            List<float[]> seq = p.prunedInput(values, batch);
            for (int l = 0; l < p.layers.length; l++) {
                seq = recurrentLayer(gemms, p.layers[l], pooled[l], seq, batch);
            }
            return p.head(seq.get(seq.size() - 1), batch);
        }
    }

    /** One GRU layer over the sequence (each step {@code [N·B, in]}); returns every step's state {@code [N·B, H]}. */
    private List<float[]> recurrentLayer(Gemms gemms, ForwardParameters.Layer layer, PooledLayer pools, List<float[]> seq,
            int batch) {
        int rows = p.shape.nodes() * batch;
        int h = p.shape.hiddenUnits();
        List<float[]> states = new ArrayList<>(seq.size());
        float[] state = null;
        for (float[] xt : seq) {
            float[] inputPart = project(gemms, xt, layer.in(), pools.input(), batch);      // N·B, 3H
            float[] statePart = state == null ? null : project(gemms, state, h, pools.gate(), batch); // N·B, 2H
            float[] z = new float[rows * h];
            float[] r = new float[rows * h];
            GruCell.gates(inputPart, statePart, layer.bias(), batch, h, z, r);
            float[] candPart = state == null ? null
                    : project(gemms, GruCell.gatedState(z, state), h, pools.candidate(), batch); // N·B, H
            state = GruCell.nextState(inputPart, candPart, layer.bias(), r, state, batch, h);
            states.add(state);
        }
        return states;
    }

    /** Σ_k (E ⊗ T_k g) · pool_k for g {@code [N·B, F]}: the node-adaptive graph convolution, {@code [N·B, O]}. */
    private float[] project(Gemms gemms, float[] g, int features, INDArray[] pool, int batch) {
        int n = p.shape.nodes();
        int d = p.shape.embedDim();
        int rows = n * batch;
        int outs = (int) pool[0].size(1);
        INDArray expanded = gemms.array("expanded", rows, d * features);
        INDArray out = gemms.array("out", rows, outs);
        float[] z = new float[rows * d * features];
        for (int k = 0; k < p.shape.chebK(); k++) {
            float[] tk = k == 0 ? g : supportProduct(gemms, p.supports.get(k - 1), g, n, batch * features);
            for (int row = 0; row < rows; row++) {
                int node = row / batch;
                for (int e = 0; e < d; e++) {
                    float w = p.emb[node * d + e];
                    int base = (row * d + e) * features;
                    int src = row * features;
                    for (int f = 0; f < features; f++) {
                        z[base + f] = w * tk[src + f];
                    }
                }
            }
            Gemms.put(expanded, z);
            Nd4j.exec(new Mmul(expanded, pool[k], out, 1.0, k == 0 ? 0.0 : 1.0, MMulTranspose.allFalse()));
        }
        return Gemms.get(out, rows * outs);
    }

    /** a {@code [rows, rows]} · g {@code [rows, cols]}. */
    private static float[] supportProduct(Gemms gemms, INDArray a, float[] g, int rows, int cols) {
        INDArray in = gemms.array("rhs", rows, cols);
        INDArray out = gemms.array("product", rows, cols);
        Gemms.put(in, g);
        Gemms.multiply(a, in, out);
        return Gemms.get(out, rows * cols);
    }

    /**
     * A pool {@code [d, K, F, O]} regrouped per k as {@code [d·F, O]} with rows (d, f), so that
     * {@code (E ⊗ T_k g) · result[k]} is the node-adaptive product for support k.
     */
    private static INDArray[] pool(float[] w, NetworkShape s, int features, int outs) {
        int d = s.embedDim();
        int k = s.chebK();
        INDArray[] out = new INDArray[k];
        for (int kk = 0; kk < k; kk++) {
            float[] m = new float[d * features * outs];
            for (int e = 0; e < d; e++) {
                System.arraycopy(w, (e * k + kk) * features * outs, m, e * features * outs, features * outs);
            }
            out[kk] = Nd4j.create(m, new long[] {(long) d * features, outs}, DataType.FLOAT);
        }
        return out;
    }
}
