package io.prunegcrn.model.runtime;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.model.ModelParameters;
import io.prunegcrn.model.NetworkShape;
import io.prunegcrn.model.PruneGcrnGraph;

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
 * does d times the arithmetic of the per-node product, so it pays off for small batches; {@code bench/train-speed}
 * prints both. Only the GEMMs go to ND4J; the element-wise work (E ⊗ g, gates, state update) is plain Java on
 * arrays, because each ND4J op call costs tens of microseconds and a parallel region on busy shared cores far more.
 *
 * <p>Thread-safe: every call allocates its own arrays and frees the native ones before it returns, so an idle model
 * holds only its parameters (a few MB).
 */
public final class PooledForward {

    private final NetworkShape s;
    /** Binary mask m and graph bias B of the pruned input X~ = B + m ⊙ (X − B). */
    private final float[] mask;
    private final float[] graphBias;           // N, C
    private final float[] emb;                 // N, d
    private final List<INDArray> supports;     // T_1 .. T_{K-1}, each N, N (T_0 = I)
    private final Layer[] layers;
    private final float[] headW;               // H, horizon
    private final float[] headB;               // horizon

    /**
     * One GRU layer: its pools regrouped per support k as {@code [d·F, O]} matrices (rows (d, f)) for the input half
     * (O = 3H: update z, reset r, candidate), the gate's state half (2H) and the candidate's state half (H), and the
     * per-node biases {@code E·b_pool} as {@code [N, 3H]}.
     */
    private record Layer(int in, INDArray[] input, INDArray[] gate, INDArray[] candidate, float[] bias) {
    }

    private PooledForward(NetworkShape s, float[] mask, float[] graphBias, float[] emb, List<INDArray> supports,
            Layer[] layers, float[] headW, float[] headB) {
        this.s = s;
        this.mask = mask;
        this.graphBias = graphBias;
        this.emb = emb;
        this.supports = supports;
        this.layers = layers;
        this.headW = headW;
        this.headB = headB;
    }

    /** From the variables of a graph made by {@link PruneGcrnGraph#build}. */
    public static PooledForward of(NetworkShape s, SameDiff graph) {
        return of(s, name -> graph.getVariable(name).getArr());
    }

    public static PooledForward of(NetworkShape s, ModelParameters p) {
        return of(s, p::get);
    }

    private static PooledForward of(NetworkShape s, Function<String, INDArray> param) {
        int n = s.nodes();
        int d = s.embedDim();
        int h = s.hiddenUnits();
        float[] e = floats(param.apply(ModelParameters.EMBEDDINGS));
        float[] raw = floats(param.apply(ModelParameters.RAW_MASK));
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = Math.min(1f, Math.max(0f, raw[i])) >= 0.5f ? 1f : 0f; // BinaryClampOp's forward
        }
        Layer[] layers = new Layer[s.layers()];
        for (int l = 0; l < s.layers(); l++) {
            int in = s.layerInput(l);
            float[] bias = floats(param.apply(ModelParameters.bias(l)));                 // d, 3H
            float[] nodeBias = new float[n * 3 * h];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    for (int o = 0; o < 3 * h; o++) {
                        nodeBias[i * 3 * h + o] += e[i * d + k] * bias[k * 3 * h + o];
                    }
                }
            }
            layers[l] = new Layer(in, pool(floats(param.apply(ModelParameters.inputWeights(l))), s, in, 3 * h),
                    pool(floats(param.apply(ModelParameters.gateStateWeights(l))), s, h, 2 * h),
                    pool(floats(param.apply(ModelParameters.candidateStateWeights(l))), s, h, h), nodeBias);
        }
        return new PooledForward(s, mask, floats(param.apply(ModelParameters.GRAPH_BIAS)), e, supports(s, e), layers,
                floats(param.apply(ModelParameters.HEAD_W)), floats(param.apply(ModelParameters.HEAD_B)));
    }

    /**
     * Forecast of the graph's {@code forecast} output for the same input.
     *
     * @param x normalised readings {@code [N, T, B, C]}, as the graph's placeholder
     * @return {@code [N, B, horizon]}, owned by the caller
     */
    public INDArray forecast(INDArray x) {
        int n = s.nodes();
        int lag = s.lag();
        int c = s.inputDim();
        if (x.rank() != 4 || x.size(0) != n || x.size(1) != lag || x.size(3) != c) {
            throw new IllegalArgumentException("x must be [" + n + ", " + lag + ", B, " + c + "], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int batch = (int) x.size(2);
        INDArray copy = x.dup('c');
        float[] values = copy.data().asFloat();
        copy.close();
        float[] out;
        try (Gemms gemms = new Gemms()) {
            List<float[]> seq = prunedInput(values, batch);
            for (Layer layer : layers) {
                seq = recurrentLayer(gemms, layer, seq, batch);
            }
            out = head(seq.get(seq.size() - 1), batch);
        }
        return Nd4j.create(out, new long[] {n, batch, s.horizon()}, DataType.FLOAT);
    }

    /** X~ = B + m ⊙ (X − B), one {@code [N·B, C]} array per time step. */
    private List<float[]> prunedInput(float[] x, int batch) {
        int n = s.nodes();
        int c = s.inputDim();
        List<float[]> steps = new ArrayList<>(s.lag());
        for (int t = 0; t < s.lag(); t++) {
            float[] v = new float[n * batch * c];
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < batch; b++) {
                    for (int ch = 0; ch < c; ch++) {
                        float bias = graphBias[i * c + ch];
                        float value = x[((i * s.lag() + t) * batch + b) * c + ch];
                        v[(i * batch + b) * c + ch] = bias + mask[i] * (value - bias);
                    }
                }
            }
            steps.add(v);
        }
        return steps;
    }

    /** One GRU layer over the sequence (each step {@code [N·B, in]}); returns every step's state {@code [N·B, H]}. */
    private List<float[]> recurrentLayer(Gemms gemms, Layer layer, List<float[]> seq, int batch) {
        int rows = s.nodes() * batch;
        int h = s.hiddenUnits();
        List<float[]> states = new ArrayList<>(seq.size());
        float[] state = null;
        for (float[] xt : seq) {
            float[] inputPart = project(gemms, xt, layer.in(), layer.input(), batch);      // N·B, 3H
            float[] statePart = state == null ? null : project(gemms, state, h, layer.gate(), batch); // N·B, 2H
            float[] z = new float[rows * h];
            float[] r = new float[rows * h];
            for (int row = 0; row < rows; row++) {
                int node = row / batch;
                for (int o = 0; o < 2 * h; o++) {
                    float v = inputPart[row * 3 * h + o] + layer.bias()[node * 3 * h + o];
                    if (statePart != null) {
                        v += statePart[row * 2 * h + o];
                    }
                    float sig = 1f / (1f + (float) Math.exp(-v));
                    if (o < h) {
                        z[row * h + o] = sig;
                    } else {
                        r[row * h + o - h] = sig;
                    }
                }
            }
            float[] candPart = null;
            if (state != null) {
                float[] zh = new float[rows * h];
                for (int i = 0; i < zh.length; i++) {
                    zh[i] = z[i] * state[i];
                }
                candPart = project(gemms, zh, h, layer.candidate(), batch);                 // N·B, H
            }
            float[] next = new float[rows * h];
            for (int row = 0; row < rows; row++) {
                int node = row / batch;
                for (int o = 0; o < h; o++) {
                    float v = inputPart[row * 3 * h + 2 * h + o] + layer.bias()[node * 3 * h + 2 * h + o];
                    if (candPart != null) {
                        v += candPart[row * h + o];
                    }
                    float hc = (float) Math.tanh(v);
                    int i = row * h + o;
                    float keep = (1f - r[i]) * hc;
                    next[i] = state == null ? keep : r[i] * state[i] + keep;                  // r·h + (1 − r)·hc
                }
            }
            state = next;
            states.add(state);
        }
        return states;
    }

    /** Σ_k (E ⊗ T_k g) · pool_k for g {@code [N·B, F]}: the node-adaptive graph convolution, {@code [N·B, O]}. */
    private float[] project(Gemms gemms, float[] g, int features, INDArray[] pool, int batch) {
        int n = s.nodes();
        int d = s.embedDim();
        int rows = n * batch;
        int outs = (int) pool[0].size(1);
        INDArray expanded = gemms.array("expanded", rows, d * features);
        INDArray out = gemms.array("out", rows, outs);
        float[] z = new float[rows * d * features];
        for (int k = 0; k < s.chebK(); k++) {
            float[] tk = k == 0 ? g : gemms.multiply(supports.get(k - 1), g, n, batch * features);
            for (int row = 0; row < rows; row++) {
                int node = row / batch;
                for (int e = 0; e < d; e++) {
                    float w = emb[node * d + e];
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

    /** The output head: last state {@code [N·B, H]} · W + b, as {@code [N, B, horizon]}. */
    private float[] head(float[] last, int batch) {
        int rows = s.nodes() * batch;
        int h = s.hiddenUnits();
        int out = s.horizon();
        float[] f = new float[rows * out];
        for (int row = 0; row < rows; row++) {
            for (int o = 0; o < out; o++) {
                float v = 0;
                for (int j = 0; j < h; j++) {
                    v += last[row * h + j] * headW[j * out + o];
                }
                f[row * out + o] = v + headB[o];
            }
        }
        return f;
    }

    /** T_1 .. T_{K-1} of the Chebyshev recursion on A = softmax(relu(E·Eᵀ)), as the graph computes them. */
    private static List<INDArray> supports(NetworkShape s, float[] e) {
        INDArray emb = Nd4j.create(e, new long[] {s.nodes(), s.embedDim()}, DataType.FLOAT);
        INDArray logits = org.nd4j.linalg.ops.transforms.Transforms.relu(emb.mmul(emb.transpose()), false);
        INDArray a = Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(logits, logits.ulike(), 1))[0];
        List<INDArray> terms = new ArrayList<>();
        terms.add(a);
        INDArray prev = null;
        INDArray cur = a;
        for (int k = 2; k < s.chebK(); k++) {
            INDArray next = a.mmul(cur).muli(2.0);
            next = prev == null ? next.subi(Nd4j.eye(s.nodes()).castTo(DataType.FLOAT)) : next.subi(prev);
            prev = cur;
            cur = next;
            terms.add(next);
        }
        return terms;
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

    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    /** The native arrays one call hands to BLAS, one per role and shape, freed together when the call ends. */
    private static final class Gemms implements AutoCloseable {
        private final Map<String, INDArray> arrays = new HashMap<>();

        INDArray array(String role, long rows, long cols) {
            return arrays.computeIfAbsent(role + rows + "x" + cols, key -> Nd4j.createUninitialized(DataType.FLOAT, rows, cols));
        }

        /** a {@code [rows, rows]} · g {@code [rows, cols]}. */
        float[] multiply(INDArray a, float[] g, int rows, int cols) {
            INDArray in = array("rhs", rows, cols);
            INDArray out = array("product", rows, cols);
            put(in, g);
            Nd4j.exec(new Mmul(a, in, out, 1.0, 0.0, MMulTranspose.allFalse()));
            return get(out, rows * cols);
        }

        static void put(INDArray target, float[] values) {
            FloatBuffer buffer = target.data().asNioFloat();
            buffer.put(0, values, 0, values.length);
        }

        static float[] get(INDArray source, int length) {
            float[] v = new float[length];
            source.data().asNioFloat().get(0, v, 0, length);
            return v;
        }

        @Override
        public void close() {
            arrays.values().forEach(INDArray::close);
        }
    }
}
