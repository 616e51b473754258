package io.prunegcrn.model;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The forecast of {@link PruneGcrnGraph} for a few windows, computed against the shared weight pools instead of the
 * per-node weights. Inference only; the graph stays the model's definition and this class reads its parameters.
 *
 * <p>Why: the graph forms the node-adaptive weights {@code W_n = Σ_d E[n,d] W_pool[d]} (about 90 MB at N = 307) and
 * streams them from memory at every recurrent step, which at one window is memory-bound (~360 ms of ~530 ms). The
 * same product can be regrouped as
 * <pre>
 *   Σ_c g[n,b,c] W_n[c,o]  =  Σ_(d,c) (E[n,d] · g[n,b,c]) · W_pool[d,c,o]  =  ((E ⊗ g) · W_pool)[n·b, o]
 * </pre>
 * one GEMM of {@code [N·B, d·F]} by {@code [d·F, O]}, whose pool (0.7 MB) stays in cache. It does d times the
 * arithmetic of the per-node product, so it pays off for small batches; {@code bench/train-speed} prints both.
 *
 * <p>Thread-safe: every call allocates its own arrays and frees each as soon as it is dead (not when the garbage
 * collector gets to it), so an idle model holds only its parameters (a few MB).
 */
public final class PooledForward {

    private final NetworkShape s;
    /** Binary mask m and graph bias B of the pruned input X~ = B + m ⊙ (X − B). */
    private final float[] mask;
    private final float[] graphBias;
    private final INDArray emb4;              // N, 1, d, 1: broadcast over windows and features
    private final List<INDArray> supports;    // T_1 .. T_{K-1}, each N, N (T_0 = I)
    private final Layer[] layers;
    private final INDArray headW;             // H, horizon
    private final INDArray headB;             // horizon

    /**
     * One GRU layer's pools regrouped per support k as {@code [d·F, H]} matrices (rows (d, c)), split into the update
     * z, reset r and candidate parts, and its per-node biases {@code E·b_pool} as {@code [N, 1, H]}.
     */
    private record Layer(int in, INDArray[] xz, INDArray[] xr, INDArray[] xc, INDArray[] hz, INDArray[] hr,
            INDArray[] hc, INDArray bz, INDArray br, INDArray bc) {
    }

    private PooledForward(NetworkShape s, float[] mask, float[] graphBias, INDArray emb, List<INDArray> supports,
            Layer[] layers, INDArray headW, INDArray headB) {
        this.s = s;
        this.mask = mask;
        this.graphBias = graphBias;
        this.emb4 = emb.reshape(s.nodes(), 1, s.embedDim(), 1);
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

    private static PooledForward of(NetworkShape s, java.util.function.Function<String, INDArray> param) {
        int n = s.nodes();
        int d = s.embedDim();
        int h = s.hiddenUnits();
        float[] e = floats(param.apply(PruneGcrnGraph.EMBEDDINGS));
        float[] raw = floats(param.apply(PruneGcrnGraph.RAW_MASK));
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = Math.min(1f, Math.max(0f, raw[i])) >= 0.5f ? 1f : 0f; // BinaryClampOp's forward
        }
        Layer[] layers = new Layer[s.layers()];
        for (int l = 0; l < s.layers(); l++) {
            int in = s.layerInput(l);
            float[] wx = floats(param.apply(PruneGcrnGraph.inputWeights(l)));           // d, K, in, 3H
            float[] wg = floats(param.apply(PruneGcrnGraph.gateStateWeights(l)));       // d, K, H, 2H
            float[] wc = floats(param.apply(PruneGcrnGraph.candidateStateWeights(l)));  // d, K, H, H
            float[] bias = floats(param.apply(PruneGcrnGraph.bias(l)));                 // d, 3H
            layers[l] = new Layer(in, pool(wx, s, in, 3 * h, 0), pool(wx, s, in, 3 * h, h), pool(wx, s, in, 3 * h, 2 * h),
                    pool(wg, s, h, 2 * h, 0), pool(wg, s, h, 2 * h, h), pool(wc, s, h, h, 0),
                    nodeBias(e, bias, n, d, h, 0), nodeBias(e, bias, n, d, h, h), nodeBias(e, bias, n, d, h, 2 * h));
        }
        INDArray emb = Nd4j.create(e, new long[] {n, d}, DataType.FLOAT);
        return new PooledForward(s, mask, floats(param.apply(PruneGcrnGraph.GRAPH_BIAS)), emb, supports(s, emb),
                layers, param.apply(PruneGcrnGraph.HEAD_W).dup(), param.apply(PruneGcrnGraph.HEAD_B).dup());
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
            throw new IllegalArgumentException("x must be [" + n + ", " + lag + ", B, " + c + "], got " + java.util.Arrays.toString(x.shape()));
        }
        int batch = (int) x.size(2);
        List<INDArray> seq = prunedInput(x, batch);
        try {
            for (Layer layer : layers) {
                List<INDArray> next = recurrentLayer(layer, seq, batch);
                Scratch.free(seq); // a layer's states are read only by the next layer
                seq = next;
            }
            INDArray last = seq.get(seq.size() - 1);                                     // N·B, H
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, n, batch, s.horizon());
            INDArray flat = out.reshape((long) n * batch, s.horizon());                 // same buffer
            Nd4j.exec(new Mmul(last, headW, flat, 1.0, 0.0, MMulTranspose.allFalse()));
            flat.addiRowVector(headB);
            return out;
        } finally {
            Scratch.free(seq);
        }
    }

    /** X~ = B + m ⊙ (X − B), one {@code [N·B, C]} array per time step. */
    private List<INDArray> prunedInput(INDArray input, int batch) {
        INDArray copy = input.dup('c');
        float[] x = copy.data().asFloat();
        copy.close();
        int n = s.nodes();
        int c = s.inputDim();
        List<INDArray> steps = new ArrayList<>(s.lag());
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
            steps.add(Nd4j.create(v, new long[] {(long) n * batch, c}, DataType.FLOAT));
        }
        return steps;
    }

    /**
     * One GRU layer over the sequence (each step {@code [N·B, in]}); returns every step's state {@code [N·B, H]}.
     * A step's temporaries are freed when it ends, so a call holds a few steps' worth of arrays, not the whole pass.
     */
    private List<INDArray> recurrentLayer(Layer layer, List<INDArray> seq, int batch) {
        int rows = s.nodes() * batch;
        int h = s.hiddenUnits();
        List<INDArray> states = new ArrayList<>(seq.size());
        INDArray state = null;
        for (INDArray xt : seq) {
            try (Scratch scratch = new Scratch()) {
                INDArray[] zx = expanded(scratch, xt, layer.in(), batch);
                INDArray z = project(scratch, zx, layer.xz(), rows);
                INDArray r = project(scratch, zx, layer.xr(), rows);
                INDArray cand = project(scratch, zx, layer.xc(), rows);
                if (state != null) {
                    INDArray[] zh = expanded(scratch, state, h, batch);
                    accumulate(zh, layer.hz(), z);
                    accumulate(zh, layer.hr(), r);
                }
                Transforms.sigmoid(addNodeBias(z, layer.bz(), batch), false);
                Transforms.sigmoid(addNodeBias(r, layer.br(), batch), false);
                if (state != null) {
                    accumulate(expanded(scratch, scratch.track(z.mul(state)), h, batch), layer.hc(), cand);
                }
                INDArray hc = Transforms.tanh(addNodeBias(cand, layer.bc(), batch), false);
                INDArray next = r.rsub(1.0).muli(hc);                                          // (1 − r)·hc
                if (state != null) {
                    next.addi(scratch.track(r.mul(state)));                                      // r·h + (1 − r)·hc
                }
                state = next;
                states.add(state);
            } catch (RuntimeException e) {
                Scratch.free(states);
                throw e;
            }
        }
        return states;
    }

    /** E ⊗ T_k g for every support k: {@code [N·B, d·F]} each, rows (n, b), columns (d, f). */
    private INDArray[] expanded(Scratch scratch, INDArray g, int features, int batch) {
        int n = s.nodes();
        int d = s.embedDim();
        INDArray[] out = new INDArray[s.chebK()];
        for (int k = 0; k < s.chebK(); k++) {
            INDArray tk = k == 0 ? g : scratch.track(supports.get(k - 1).mmul(g.reshape(n, (long) batch * features)));
            INDArray z = scratch.track(Nd4j.createUninitialized(DataType.FLOAT, n, batch, d, features));
            Nd4j.exec(new MulOp(tk.reshape(n, batch, 1, features), emb4, z));
            out[k] = z.reshape((long) n * batch, (long) d * features);
        }
        return out;
    }

    /** Σ_k expanded_k · pool_k into a new {@code [rows, H]} array. */
    private INDArray project(Scratch scratch, INDArray[] expanded, INDArray[] pool, int rows) {
        INDArray out = scratch.track(Nd4j.createUninitialized(DataType.FLOAT, rows, pool[0].size(1)));
        for (int k = 0; k < expanded.length; k++) {
            Nd4j.exec(new Mmul(expanded[k], pool[k], out, 1.0, k == 0 ? 0.0 : 1.0, MMulTranspose.allFalse()));
        }
        return out;
    }

    private static void accumulate(INDArray[] expanded, INDArray[] pool, INDArray out) {
        for (int k = 0; k < expanded.length; k++) {
            Nd4j.exec(new Mmul(expanded[k], pool[k], out, 1.0, 1.0, MMulTranspose.allFalse()));
        }
    }

    private INDArray addNodeBias(INDArray a, INDArray nodeBias, int batch) {
        a.reshape(s.nodes(), batch, a.size(1)).addi(nodeBias);
        return a;
    }

    /** T_1 .. T_{K-1} of the Chebyshev recursion on A = softmax(relu(E·Eᵀ)), as the graph computes them. */
    private static List<INDArray> supports(NetworkShape s, INDArray emb) {
        INDArray logits = Transforms.relu(emb.mmul(emb.transpose()), false);
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
     * Columns [from, from + H) of a pool {@code [d, K, F, O]} regrouped per k as {@code [d·F, H]} with rows (d, f),
     * so that {@code (E ⊗ T_k g) · result[k]} is that part of the node-adaptive product for support k.
     */
    private static INDArray[] pool(float[] w, NetworkShape s, int features, int outs, int from) {
        int d = s.embedDim();
        int k = s.chebK();
        int h = s.hiddenUnits();
        INDArray[] out = new INDArray[k];
        for (int kk = 0; kk < k; kk++) {
            float[] m = new float[d * features * h];
            for (int e = 0; e < d; e++) {
                for (int f = 0; f < features; f++) {
                    System.arraycopy(w, ((e * k + kk) * features + f) * outs + from, m, (e * features + f) * h, h);
                }
            }
            out[kk] = Nd4j.create(m, new long[] {(long) d * features, h}, DataType.FLOAT);
        }
        return out;
    }

    /** Columns [from, from + H) of E · b_pool as {@code [N, 1, H]}. */
    private static INDArray nodeBias(float[] e, float[] bias, int n, int d, int h, int from) {
        float[] out = new float[n * h];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < h; o++) {
                float v = 0;
                for (int k = 0; k < d; k++) {
                    v += e[i * d + k] * bias[k * 3 * h + from + o];
                }
                out[i * h + o] = v;
            }
        }
        return Nd4j.create(out, new long[] {n, 1, h}, DataType.FLOAT);
    }

    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    /** The arrays of one call, freed together when it ends rather than whenever the garbage collector runs. */
    private static final class Scratch implements AutoCloseable {
        private final List<INDArray> arrays = new ArrayList<>();

        INDArray track(INDArray a) {
            arrays.add(a);
            return a;
        }

        @Override
        public void close() {
            free(arrays);
        }

        static void free(List<INDArray> arrays) {
            for (INDArray a : arrays) {
                if (a.closeable()) {
                    a.close();
                }
            }
        }
    }
}
