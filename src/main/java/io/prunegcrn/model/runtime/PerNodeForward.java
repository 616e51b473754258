package io.prunegcrn.model.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    private final ForwardParameters p;

    /** Per layer: input, gate-state and candidate-state weights per node, {@code [N, K·F, O]} row-major. */
    private record NodeWeights(float[][] input, float[][] gate, float[][] candidate) {
    }

    private volatile NodeWeights weights;

    private PerNodeForward(ForwardParameters p) {
        this.p = p;
    }

    /** From the variables of a graph made by {@link PruneGcrnGraph#build}. */
    public static PerNodeForward of(NetworkShape s, SameDiff graph) {
        return new PerNodeForward(ForwardParameters.of(s, graph));
    }

    public static PerNodeForward of(NetworkShape s, ModelParameters parameters) {
        return new PerNodeForward(ForwardParameters.of(s, parameters));
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
        NodeWeights w = weights();
        try (Gemms gemms = new Gemms()) {
            List<float[]> seq = p.prunedInput(values, batch);
            for (int l = 0; l < p.layers.length; l++) {
                seq = recurrentLayer(gemms, p.layers[l], w.input()[l], w.gate()[l], w.candidate()[l], seq, batch);
            }
            return p.head(seq.get(seq.size() - 1), batch);
        }
    }

    /** One GRU layer over the sequence (each step {@code [N·B, in]}); returns every step's state {@code [N·B, H]}. */
    private List<float[]> recurrentLayer(Gemms gemms, ForwardParameters.Layer layer, float[] wInput, float[] wGate,
            float[] wCand, List<float[]> seq, int batch) {
        int n = p.shape.nodes();
        int lag = seq.size();
        int in = layer.in();
        int k = p.shape.chebK();
        int rows = n * batch;
        int h = p.shape.hiddenUnits();
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
            GruCell.gates(inputPart, statePart, layer.bias(), batch, h, z, r);
            float[] candPart = state == null ? null
                    : perNode(graphTerms(gemms, GruCell.gatedState(z, state), batch, h), wCand, batch, k * h, h); // N·B, H
            state = GruCell.nextState(inputPart, candPart, layer.bias(), r, state, batch, h);
            states.add(state);
        }
        return states;
    }

    /**
     * [g, T_1 g, …, T_{K-1} g] along the features: g {@code [N, M, F]} (M rows per node) to {@code [N, M, K·F]}.
     * The support products are BLAS GEMMs of {@code [N, N]} by {@code [N, M·F]}.
     */
    private float[] graphTerms(Gemms gemms, float[] g, int perNode, int features) {
        int n = p.shape.nodes();
        int k = p.shape.chebK();
        float[] out = new float[n * perNode * k * features];
        for (int kk = 0; kk < k; kk++) {
            float[] tk = kk == 0 ? g : gemms.multiply(p.supports.get(kk - 1), g, n, perNode * features);
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
        int n = p.shape.nodes();
        float[] out = new float[n * perNode * outs];
        int chunk = 16;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(part -> {
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
                    float[][] input = new float[p.layers.length][];
                    float[][] gate = new float[p.layers.length][];
                    float[][] cand = new float[p.layers.length][];
                    try (INDArray e = Nd4j.create(p.emb, new long[] {p.shape.nodes(), p.shape.embedDim()}, DataType.FLOAT)) {
                        for (int l = 0; l < p.layers.length; l++) {
                            input[l] = nodeWeights(e, p.layers[l].input());
                            gate[l] = nodeWeights(e, p.layers[l].gate());
                            cand[l] = nodeWeights(e, p.layers[l].candidate());
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
}
