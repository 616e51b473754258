package io.prunegcrn.network.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.NodeAdaptive;
import io.prunegcrn.network.PruneGcrnGraph;

/**
 * The forecast of {@link PruneGcrnGraph} for one or a few windows, in plain Java over the node-adaptive weights.
 * Inference only; the graph stays the model's definition and this class reads its parameters.
 *
 * <p>Why: the graph's per-node products are rank-3 batched matmuls that libnd4j runs far below memory speed (~360 ms
 * of ~530 ms for one window at N = 307). Here the weights {@code W_n = E[n]·W_pool} are formed once in native memory
 * (about 61 MB at N = 207, 91 MB at N = 307) and each step hands every node's product straight to OpenBLAS: a GEMM of
 * the batch's rows by {@code W_n}, or for one window matrix-vector products that stream {@code W_n} once. The nodes are
 * split over the cores, and every call is cut small enough that OpenBLAS runs it on the calling thread: its own
 * threads, woken for microseconds of work and spinning long after it, would take the cores from the Java threads and
 * double the time. The support products {@code T_k·g} are single BLAS GEMMs, the gates plain Java. The weights are
 * freed by {@link #release()} and formed again on the next call.
 *
 * <p>Thread-safe.
 */
public final class PerNodeForward {

    private final ForwardParameters p;

    /**
     * Per layer: input, gate-state and candidate-state weights per node, {@code [N, K·F, O]} row-major native arrays,
     * and how many forecasts run on them (guarded by the forward's lock).
     */
    private static final class NodeWeights {
        final INDArray[] input;
        final INDArray[] gate;
        final INDArray[] candidate;
        int users;

        NodeWeights(INDArray[] input, INDArray[] gate, INDArray[] candidate) {
            this.input = input;
            this.gate = gate;
            this.candidate = candidate;
        }

        long bytes() {
            return 4 * Stream.of(input, gate, candidate).flatMap(Arrays::stream).mapToLong(INDArray::length).sum();
        }

        void free() {
            Stream.of(input, gate, candidate).flatMap(Arrays::stream).forEach(INDArray::close);
        }
    }

    /** Node ranges the per-node products are split into: one per core. */
    private static final int PARTS = Runtime.getRuntime().availableProcessors();
    /** OpenBLAS 0.3.19 runs a GEMV of fewer elements than this on the calling thread (2304 × its threshold 4). */
    private static final int GEMV_SINGLE_THREAD_ELEMENTS = 9216 - 1;
    /** OpenBLAS 0.3.19 runs a GEMM of m·n·k up to this on the calling thread (65536 × its threshold 4). */
    private static final int GEMM_SINGLE_THREAD_MNK = 65536 * 4;
    /** Narrower column blocks than this cost more in calls than OpenBLAS's own threads do. */
    private static final int MIN_GEMM_COLUMNS = 16;
    /** Rows per node up to which the input halves of several steps are computed together. */
    private static final int INPUT_ROWS_PER_NODE = 16;

    /** Guarded by this. */
    private NodeWeights weights;

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
        return forecast(x, p.mask);
    }

    /**
     * The same forward reading exactly the sensors of {@code mask} (0/1 per sensor): the others read as their learned
     * graph bias, as switched-off sensors do in training.
     */
    public INDArray forecast(INDArray x, float[] mask) {
        float[] values = p.windows(x);
        int batch = (int) x.size(2);
        NodeWeights w = acquire();
        try (Gemms gemms = new Gemms()) {
            List<float[]> seq = p.prunedInput(values, batch, mask);
            for (int l = 0; l < p.layers.length; l++) {
                seq = recurrentLayer(gemms, p.layers[l], w.input[l], w.gate[l], w.candidate[l], seq, batch);
            }
            return p.head(seq.get(seq.size() - 1), batch);
        } finally {
            done(w);
        }
    }

    /** One GRU layer over the sequence (each step {@code [N·B, in]}); returns every step's state {@code [N·B, H]}. */
    private List<float[]> recurrentLayer(Gemms gemms, ForwardParameters.Layer layer, INDArray wInput, INDArray wGate,
            INDArray wCand, List<float[]> seq, int batch) {
        int n = p.shape.nodes();
        int lag = seq.size();
        int rows = n * batch;
        int h = p.shape.hiddenUnits();
        // the input half of several steps at once, rows (node, step, window): one window reads the weights once, not
        // once per step; a large batch takes fewer steps at a time, which keeps its arrays small
        int stepsAtOnce = Math.max(1, Math.min(lag, INPUT_ROWS_PER_NODE / batch));
        float[] inputs = null;
        List<float[]> states = new ArrayList<>(lag);
        float[] state = null;
        for (int t = 0; t < lag; t++) {
            int first = t - t % stepsAtOnce;
            if (t == first) {
                inputs = inputHalf(gemms, layer, wInput, seq.subList(first, Math.min(lag, first + stepsAtOnce)), batch);
            }
            int steps = Math.min(lag, first + stepsAtOnce) - first;
            float[] inputPart = new float[rows * 3 * h];                                     // N·B, 3H
            for (int i = 0; i < n; i++) {
                System.arraycopy(inputs, ((i * steps) + t - first) * batch * 3 * h, inputPart, i * batch * 3 * h,
                        batch * 3 * h);
            }
            float[] statePart = state == null ? null
                    : perNode(gemms, graphTerms(gemms, state, batch, h), wGate, batch, h, 2 * h); // N·B, 2H
            float[] z = new float[rows * h];
            float[] r = new float[rows * h];
            GruCell.gates(inputPart, statePart, layer.bias(), batch, h, z, r);
            float[] candPart = state == null ? null
                    : perNode(gemms, graphTerms(gemms, GruCell.gatedState(z, state), batch, h), wCand, batch, h, h); // N·B, H
            state = GruCell.nextState(inputPart, candPart, layer.bias(), r, state, batch, h);
            states.add(state);
        }
        return states;
    }

    /** The input half of the gates and candidate for a few steps: rows (node, step, window), {@code 3H} columns. */
    private float[] inputHalf(Gemms gemms, ForwardParameters.Layer layer, INDArray wInput, List<float[]> steps, int batch) {
        int n = p.shape.nodes();
        int in = layer.in();
        float[] all = new float[n * steps.size() * batch * in];
        for (int t = 0; t < steps.size(); t++) {
            float[] xt = steps.get(t);
            for (int i = 0; i < n; i++) {
                System.arraycopy(xt, i * batch * in, all, (i * steps.size() + t) * batch * in, batch * in);
            }
        }
        int perNode = steps.size() * batch;
        return perNode(gemms, graphTerms(gemms, all, perNode, in), wInput, perNode, in, 3 * p.shape.hiddenUnits());
    }

    /**
     * The terms of the graph convolution, g and T_k g for k = 1..K−1, each {@code [N, M·F]} (M rows per node) in a
     * native array of its own: the support products are BLAS GEMMs of {@code [N, N]} by {@code [N, M·F]} written where
     * the per-node products read them, with no copy back to the heap.
     */
    private INDArray[] graphTerms(Gemms gemms, float[] g, int perNode, int features) {
        int n = p.shape.nodes();
        INDArray[] terms = new INDArray[p.shape.chebK()];
        for (int k = 0; k < terms.length; k++) {
            terms[k] = gemms.array("terms-" + k, n, (long) perNode * features);
        }
        Gemms.put(terms[0], g);
        for (int k = 1; k < terms.length; k++) {
            Gemms.multiply(p.supports.get(k - 1), terms[0], terms[k]);
        }
        return terms;
    }

    /**
     * The node-adaptive product: for every node n, its terms {@code [M, K·F]} times its weights {@code W_n [K·F, O]};
     * out {@code [N, M, O]}. BLAS calls per node and support straight on the native arrays (an ND4J op per node would
     * cost tens of microseconds), the nodes split over the cores.
     */
    private float[] perNode(Gemms gemms, INDArray[] terms, INDArray w, int perNode, int features, int outs) {
        int n = p.shape.nodes();
        int k = terms.length;
        INDArray c = gemms.array("node-products", (long) n * perNode, outs);
        Pointer wAt = w.data().addressPointer();
        Pointer cAt = c.data().addressPointer();
        int parts = Math.min(n, PARTS);
        int block = Math.max(1, GEMV_SINGLE_THREAD_ELEMENTS / outs);   // rows of W_n per GEMV (one window)
        int columns = GEMM_SINGLE_THREAD_MNK / (perNode * features) >= MIN_GEMM_COLUMNS       // columns per GEMM (batches)
                ? Math.min(outs, GEMM_SINGLE_THREAD_MNK / (perNode * features)) : outs;
        IntStream.range(0, parts).parallel().forEach(part -> {
            FloatPointer weights = new FloatPointer(wAt);
            FloatPointer out = new FloatPointer(cAt);
            FloatPointer[] x = new FloatPointer[k];
            for (int kk = 0; kk < k; kk++) {
                x[kk] = new FloatPointer(terms[kk].data().addressPointer());
            }
            for (int node = part * n / parts; node < (part + 1) * n / parts; node++) {
                for (int kk = 0; kk < k; kk++) {
                    long wAtK = ((long) node * k + kk) * features * outs; // W_n's rows for support kk: [F, O]
                    if (perNode == 1) {
                        // matrix-vector products (a GEMM would first copy W_n into panels), in row blocks small enough
                        // that OpenBLAS runs each on this thread instead of waking its own for a few microseconds
                        out.position((long) node * outs);
                        for (int r0 = 0; r0 < features; r0 += block) {
                            x[kk].position((long) node * features + r0);
                            weights.position(wAtK + (long) r0 * outs);
                            openblas.cblas_sgemv(openblas.CblasRowMajor, openblas.CblasTrans, Math.min(block, features - r0),
                                    outs, 1f, weights, outs, x[kk], 1, kk == 0 && r0 == 0 ? 0f : 1f, out, 1);
                        }
                    } else {
                        // a GEMM per block of output columns, each small enough for OpenBLAS to run on this thread
                        x[kk].position((long) node * perNode * features);
                        for (int c0 = 0; c0 < outs; c0 += columns) {
                            weights.position(wAtK + c0);
                            out.position((long) node * perNode * outs + c0);
                            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
                                    perNode, Math.min(columns, outs - c0), features, 1f, x[kk], features, weights, outs,
                                    kk == 0 ? 0f : 1f, out, outs);
                        }
                    }
                }
            }
        });
        return Gemms.get(c, n * perNode * outs);
    }

    /** The per-node weights for one forecast, formed on first use after construction or {@link #release()}. */
    private synchronized NodeWeights acquire() {
        if (weights == null) {
            INDArray[] input = new INDArray[p.layers.length];
            INDArray[] gate = new INDArray[p.layers.length];
            INDArray[] cand = new INDArray[p.layers.length];
            try (INDArray e = Nd4j.create(p.emb, new long[] {p.shape.nodes(), p.shape.embedDim()}, DataType.FLOAT)) {
                for (int l = 0; l < p.layers.length; l++) {
                    // W_n [K·F, O] for every node
                    input[l] = NodeAdaptive.perNode(e, p.layers[l].input());
                    gate[l] = NodeAdaptive.perNode(e, p.layers[l].gate());
                    cand[l] = NodeAdaptive.perNode(e, p.layers[l].candidate());
                }
            }
            weights = new NodeWeights(input, gate, cand);
        }
        weights.users++;
        return weights;
    }

    /** A forecast is done with {@code w}: the last user of weights that were released frees them. */
    private synchronized void done(NodeWeights w) {
        if (--w.users == 0 && w != weights) {
            w.free();
        }
    }

    /**
     * Drops the per-node weights (they are formed again on the next forecast): what an idle model holds is its pools.
     * Their native memory is freed now, or by the last forecast still running on them.
     */
    public synchronized void release() {
        NodeWeights w = weights;
        weights = null;
        if (w != null && w.users == 0) {
            w.free();
        }
    }

    /** The binary mask the graph's raw mask gives (the clamp's forward): the sensors this network was trained to read. */
    public float[] mask() {
        return p.mask.clone();
    }

    /** Bytes of per-node weights held now (0 after {@link #release()}). */
    public synchronized long heldBytes() {
        return weights == null ? 0 : weights.bytes();
    }
}
