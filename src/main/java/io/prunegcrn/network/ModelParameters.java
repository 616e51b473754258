package io.prunegcrn.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainable arrays of a PruneGCRN graph by name, and their seeded initialisation.
 *
 * <p>Initialisation follows the PyTorch reference of the same architecture (shared/bench), which is what
 * accuracy is compared against: node embeddings ~ N(0, 1); weight pools Xavier-uniform with PyTorch's fan
 * rule for a {@code [d, K·F, O]} tensor; bias pools ~ U(0, 1); the head as {@code nn.Linear}
 * (U(±1/√H)); graph bias 0; raw mask 1 (every sensor kept). Gate and candidate pools are drawn as
 * AGCRN's two tensors and then stored split into their input and state halves (same values, same count).
 */
public final class ModelParameters {

    // Parameter names, which are also the names of the graph's trainable variables and of a saved model's arrays.
    public static final String EMBEDDINGS = "node_embeddings";
    public static final String RAW_MASK = "raw_mask";
    public static final String GRAPH_BIAS = "graph_bias";
    public static final String HEAD_W = "head_w";
    public static final String HEAD_B = "head_b";

    private final Map<String, INDArray> arrays;

    public ModelParameters(Map<String, INDArray> arrays) {
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    public INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return a;
    }

    public Map<String, INDArray> asMap() {
        return arrays;
    }

    /**
     * These parameters with every array of {@code trained} but the raw mask (a warm start: the mask is the new run's
     * to choose). Arrays only {@code trained} has (a linear highway) are not taken.
     *
     * @throws IllegalArgumentException ("warmStart: ...") when an array's shape differs (another dataset or network)
     */
    public ModelParameters warmStartedFrom(ModelParameters trained) {
        Map<String, INDArray> p = new LinkedHashMap<>(arrays);
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            INDArray from = trained.arrays.get(e.getKey());
            if (e.getKey().equals(RAW_MASK) || from == null) {
                continue;
            }
            if (!java.util.Arrays.equals(from.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("warmStart: " + e.getKey() + " has shape "
                        + java.util.Arrays.toString(from.shape()) + ", this network needs "
                        + java.util.Arrays.toString(e.getValue().shape()) + " (another dataset or network size)");
            }
            p.put(e.getKey(), from.castTo(e.getValue().dataType()).dup());
        }
        return new ModelParameters(p);
    }

    /** Weight pool of a layer's input half, gate and candidate together: {@code [d, K·in·3H]}. */
    public static String inputWeights(int layer) {
        return "l" + layer + "_wx";
    }

    /** Weight pool of a layer's gate, state half: {@code [d, K·H·2H]}. */
    public static String gateStateWeights(int layer) {
        return "l" + layer + "_wh_gate";
    }

    /** Weight pool of a layer's candidate, state half: {@code [d, K·H·H]}. */
    public static String candidateStateWeights(int layer) {
        return "l" + layer + "_wh_cand";
    }

    /** Bias pool of a layer: {@code [d, 3H]}. */
    public static String bias(int layer) {
        return "l" + layer + "_b";
    }

    public static ModelParameters initial(NetworkShape s, long seed) {
        Random rnd = new Random(seed);
        int n = s.nodes();
        int d = s.embedDim();
        int h = s.hiddenUnits();
        int k = s.chebK();
        Map<String, INDArray> p = new LinkedHashMap<>();

        float[] emb = new float[n * d];
        for (int i = 0; i < emb.length; i++) {
            emb[i] = (float) rnd.nextGaussian();
        }
        p.put(EMBEDDINGS, Nd4j.create(emb, new long[] {n, d}, DataType.FLOAT));
        p.put(RAW_MASK, Nd4j.ones(DataType.FLOAT, n));
        p.put(GRAPH_BIAS, Nd4j.zeros(DataType.FLOAT, n, s.inputDim()));

        for (int l = 0; l < s.layers(); l++) {
            int in = s.layerInput(l);
            int f = in + h;
            float[][][][] gate = xavier(rnd, d, k, f, 2 * h);
            float[][][][] cand = xavier(rnd, d, k, f, h);
            float[] wx = new float[d * k * in * 3 * h];
            float[] whGate = new float[d * k * h * 2 * h];
            float[] whCand = new float[d * k * h * h];
            int ix = 0;
            int ig = 0;
            int ic = 0;
            for (int e = 0; e < d; e++) {
                for (int kk = 0; kk < k; kk++) {
                    for (int r = 0; r < f; r++) {
                        if (r < in) {
                            for (int o = 0; o < 2 * h; o++) {
                                wx[ix++] = gate[e][kk][r][o];
                            }
                            for (int o = 0; o < h; o++) {
                                wx[ix++] = cand[e][kk][r][o];
                            }
                        } else {
                            for (int o = 0; o < 2 * h; o++) {
                                whGate[ig++] = gate[e][kk][r][o];
                            }
                            for (int o = 0; o < h; o++) {
                                whCand[ic++] = cand[e][kk][r][o];
                            }
                        }
                    }
                }
            }
            p.put(inputWeights(l), Nd4j.create(wx, new long[] {d, (long) k * in * 3 * h}, DataType.FLOAT));
            p.put(gateStateWeights(l), Nd4j.create(whGate, new long[] {d, (long) k * h * 2 * h}, DataType.FLOAT));
            p.put(candidateStateWeights(l), Nd4j.create(whCand, new long[] {d, (long) k * h * h}, DataType.FLOAT));
            float[] bias = new float[d * 3 * h];
            for (int e = 0; e < d; e++) {
                for (int o = 0; o < 2 * h; o++) {
                    bias[e * 3 * h + o] = rnd.nextFloat();
                }
            }
            for (int e = 0; e < d; e++) {
                for (int o = 0; o < h; o++) {
                    bias[e * 3 * h + 2 * h + o] = rnd.nextFloat();
                }
            }
            p.put(bias(l), Nd4j.create(bias, new long[] {d, 3L * h}, DataType.FLOAT));
        }

        double bound = 1.0 / Math.sqrt(h);
        p.put(HEAD_W, uniform(rnd, bound, h, s.horizon()));
        p.put(HEAD_B, uniform(rnd, bound, s.horizon()));
        return new ModelParameters(p);
    }

    /** PyTorch's xavier_uniform_ on a [d, K·F, O] tensor: fan_in = K·F·O, fan_out = d·O. */
    private static float[][][][] xavier(Random rnd, int d, int k, int f, int o) {
        double bound = Math.sqrt(6.0 / ((double) k * f * o + (double) d * o));
        float[][][][] w = new float[d][k][f][o];
        for (float[][][] a : w) {
            for (float[][] b : a) {
                for (float[] c : b) {
                    for (int i = 0; i < o; i++) {
                        c[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
                    }
                }
            }
        }
        return w;
    }

    private static INDArray uniform(Random rnd, double bound, long... shape) {
        int len = 1;
        for (long v : shape) {
            len *= (int) v;
        }
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        return Nd4j.create(v, shape, DataType.FLOAT);
    }
}
