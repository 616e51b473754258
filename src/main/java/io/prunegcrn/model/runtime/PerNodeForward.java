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
 * The forecast of {@link PruneGcrnGraph} for one or a few windows, in plain Java over the node-adaptive weights.
 * Inference only; the graph stays the model's definition and this class reads its parameters.
 *
 * <p>Why: at one window the graph's per-node products are rank-3 batched matmuls of one row per node, and libnd4j
 * runs them far below memory speed (~360 ms of ~530 ms at N = 307). Here the weights {@code W_n = E[n]·W_pool} are
 * formed once (about 61 MB at N = 207, 91 MB at N = 307) and each step streams them once through a saxpy loop that
 * the JIT vectorises, for all windows of the batch at once, split over the cores by node. The support products
 * {@code T_k·g} stay BLAS GEMMs. The weights are dropped by {@link #release()} and formed again on the next call.
 *
 * <p>Thread-safe.
 */
public final class PerNodeForward {

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
     * One GRU layer: its pools {@code [d, K·F·O]} for the input half (O = 3H: update z, reset r, candidate), the
     * gate's state half (2H) and the candidate's state half (H), and the per-node biases {@code E·b_pool} as
     * {@code [N, 3H]}.
     */
    private record Layer(int in, INDArray input, INDArray gate, INDArray candidate, float[] bias) {
    }

    /** Per layer: input, gate-state and candidate-state weights per node, {@code [N, K·F, O]} row-major. */
    private record NodeWeights(float[][] input, float[][] gate, float[][] candidate) {
    }

    private volatile NodeWeights weights;

    private PerNodeForward(NetworkShape s, float[] mask, float[] graphBias, float[] emb, List<INDArray> supports,
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
    public static PerNodeForward of(NetworkShape s, SameDiff graph) {
        return of(s, name -> graph.getVariable(name).getArr());
    }

    public static PerNodeForward of(NetworkShape s, ModelParameters p) {
        return of(s, p::get);
    }

    private static PerNodeForward of(NetworkShape s, Function<String, INDArray> param) {
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
            layers[l] = new Layer(in, param.apply(ModelParameters.inputWeights(l)).dup(),
                    param.apply(ModelParameters.gateStateWeights(l)).dup(),
                    param.apply(ModelParameters.candidateStateWeights(l)).dup(), nodeBias);
        }
        return new PerNodeForward(s, mask, floats(param.apply(ModelParameters.GRAPH_BIAS)), e, supports(s, e), layers,
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
        NodeWeights w = weights();
        try (Gemms gemms = new Gemms()) {
            List<float[]> seq = prunedInput(values, batch);
            for (int l = 0; l < layers.length; l++) {
                seq = recurrentLayer(gemms, layers[l], w.input()[l], w.gate()[l], w.candidate()[l], seq, batch);
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
    private List<float[]> recurrentLayer(Gemms gemms, Layer layer, float[] wInput, float[] wGate, float[] wCand,
            List<float[]> seq, int batch) {
        int n = s.nodes();
        int lag = seq.size();
        int in = layer.in();
        int k = s.chebK();
        int rows = n * batch;
        int h = s.hiddenUnits();
        // the input half of every step at once, rows (node, step, window): the weights are read once, not per step
        float[] all = new float[n * lag * batch * in];
        for (int t = 0; t < lag; t++) {
            float[] xt = seq.get(t);
            for (int i = 0; i < n; i++) {
                System.arraycopy(xt, i * batch * in, all, (i * lag + t) * batch * in, batch * in);
            }
        }
        float[] inputAll = perNode(graphTerms(gemms, all, lag * batch, in), wInput, lag * batch, k * in, 3 * h);
        List<float[]> states = new ArrayList<>(lag);
        float[] state = null;
        for (int t = 0; t < lag; t++) {
            float[] inputPart = new float[rows * 3 * h];                                     // N·B, 3H
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputAll, (i * lag + t) * batch * 3 * h, inputPart, i * batch * 3 * h, batch * 3 * h);
            }
            float[] statePart = state == null ? null
                    : perNode(graphTerms(gemms, state, batch, h), wGate, batch, k * h, 2 * h); // N·B, 2H
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
                candPart = perNode(graphTerms(gemms, zh, batch, h), wCand, batch, k * h, h); // N·B, H
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

    /**
     * [g, T_1 g, …, T_{K-1} g] along the features: g {@code [N, M, F]} (M rows per node) to {@code [N, M, K·F]}.
     * The support products are BLAS GEMMs of {@code [N, N]} by {@code [N, M·F]}.
     */
    private float[] graphTerms(Gemms gemms, float[] g, int perNode, int features) {
        int n = s.nodes();
        int k = s.chebK();
        float[] out = new float[n * perNode * k * features];
        for (int kk = 0; kk < k; kk++) {
            float[] tk = kk == 0 ? g : gemms.multiply(supports.get(kk - 1), g, n, perNode * features);
            for (int row = 0; row < n * perNode; row++) {
                System.arraycopy(tk, row * features, out, (row * k + kk) * features, features);
            }
        }
        return out;
    }

    /**
     * The node-adaptive product: for every node n, terms {@code [M, KF]} times its weights {@code W_n [KF, O]}; out
     * {@code [N, M, O]}. A saxpy per (node, row, input feature) over the outputs, which the JIT vectorises; nodes are
     * split over the common fork-join pool.
     */
    private float[] perNode(float[] terms, float[] w, int perNode, int kf, int outs) {
        int n = s.nodes();
        float[] out = new float[n * perNode * outs];
        int chunk = 16;
        java.util.stream.IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(part -> {
            for (int node = part * chunk; node < Math.min(n, (part + 1) * chunk); node++) {
                for (int c = 0; c < kf; c++) {
                    int wb = (node * kf + c) * outs;
                    for (int m = 0; m < perNode; m++) {
                        float gc = terms[(node * perNode + m) * kf + c];
                        int ob = (node * perNode + m) * outs;
                        for (int o = 0; o < outs; o++) {
                            out[ob + o] += gc * w[wb + o];
                        }
                    }
                }
            }
        });
        return out;
    }

    /** The per-node weights, formed on first use after construction or {@link #release()}. */
    private NodeWeights weights() {
        NodeWeights w = weights;
        if (w == null) {
            synchronized (this) {
                w = weights;
                if (w == null) {
                    float[][] input = new float[layers.length][];
                    float[][] gate = new float[layers.length][];
                    float[][] cand = new float[layers.length][];
                    try (INDArray e = Nd4j.create(emb, new long[] {s.nodes(), s.embedDim()}, DataType.FLOAT)) {
                        for (int l = 0; l < layers.length; l++) {
                            input[l] = nodeWeights(e, layers[l].input());
                            gate[l] = nodeWeights(e, layers[l].gate());
                            cand[l] = nodeWeights(e, layers[l].candidate());
                        }
                    }
                    w = new NodeWeights(input, gate, cand);
                    weights = w;
                }
            }
        }
        return w;
    }

    /** E · pool: {@code [N, d]} by {@code [d, K·F·O]}, i.e. W_n {@code [K·F, O]} for every node. */
    private static float[] nodeWeights(INDArray emb, INDArray pool) {
        try (INDArray w = emb.mmul(pool)) {
            return w.data().asFloat();
        }
    }

    /** Drops the per-node weights (they are formed again on the next forecast): what an idle model holds is its pools. */
    public void release() {
        weights = null;
    }

    /** Bytes of per-node weights held now (0 after {@link #release()}). */
    public long heldBytes() {
        NodeWeights w = weights;
        long floats = 0;
        if (w != null) {
            for (float[][] part : List.of(w.input(), w.gate(), w.candidate())) {
                for (float[] a : part) {
                    floats += a.length;
                }
            }
        }
        return 4 * floats;
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
