package io.prunegcrn.network.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.network.AdaptiveAdjacency;
import io.prunegcrn.network.BinaryClampOp;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.NodeAdaptive;
import io.prunegcrn.network.PruneGcrnGraph;

/**
 * A network's parameters as the plain-Java forwards read them ({@link PerNodeForward}; the pooled alternative in
 * the benchmark's sources), read from a graph or from {@link ModelParameters}, and the parts of the forward that
 * do not depend on how the node-adaptive product is computed: the pruned input and the output head.
 *
 * <p>Everything here is a copy: the graph the parameters came from may be collected.
 */
final class ForwardParameters {

    /**
     * One GRU layer: its pools {@code [d, K·F·O]} for the input half (O = 3H: update z, reset r, candidate), the
     * gate's state half (2H) and the candidate's state half (H), and the per-node biases {@code E·b_pool} as
     * {@code [N, 3H]}.
     */
    record Layer(int in, INDArray input, INDArray gate, INDArray candidate, float[] bias) {
    }

    final NetworkShape shape;
    /** Binary mask m and graph bias B of the pruned input X~ = B + m ⊙ (X − B). */
    final float[] mask;
    final float[] graphBias;           // N, C
    final float[] emb;                 // N, d
    final List<INDArray> supports;     // T_1 .. T_{K-1}, each N, N (T_0 = I)
    final Layer[] layers;
    final float[] headW;               // H, horizon
    final float[] headB;               // horizon

    private ForwardParameters(NetworkShape shape, Function<String, INDArray> param) {
        this.shape = shape;
        int n = shape.nodes();
        this.emb = floats(param.apply(ModelParameters.EMBEDDINGS));
        float[] raw = floats(param.apply(ModelParameters.RAW_MASK));
        this.mask = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = BinaryClampOp.clamp(raw[i]);
        }
        INDArray e = Nd4j.create(emb, new long[] {n, shape.embedDim()}, DataType.FLOAT);
        this.layers = new Layer[shape.layers()];
        for (int l = 0; l < shape.layers(); l++) {
            INDArray nodeBias = NodeAdaptive.perNode(e, param.apply(ModelParameters.bias(l)));         // N, 3H
            layers[l] = new Layer(shape.layerInput(l), param.apply(ModelParameters.inputWeights(l)).dup(),
                    param.apply(ModelParameters.gateStateWeights(l)).dup(),
                    param.apply(ModelParameters.candidateStateWeights(l)).dup(), floats(nodeBias));
            nodeBias.close();
        }
        this.graphBias = floats(param.apply(ModelParameters.GRAPH_BIAS));
        this.supports = AdaptiveAdjacency.supports(e, shape.chebK());
        this.headW = floats(param.apply(ModelParameters.HEAD_W));
        this.headB = floats(param.apply(ModelParameters.HEAD_B));
    }

    /** From the variables of a graph made by {@link PruneGcrnGraph#build}. */
    static ForwardParameters of(NetworkShape shape, SameDiff graph) {
        return new ForwardParameters(shape, name -> graph.getVariable(name).getArr());
    }

    static ForwardParameters of(NetworkShape shape, ModelParameters parameters) {
        return new ForwardParameters(shape, parameters::get);
    }

    /** The values of windows {@code x [N, T, B, C]}, the graph's input placeholder, row-major; refuses other shapes. */
    float[] windows(INDArray x) {
        int n = shape.nodes();
        int lag = shape.lag();
        int c = shape.inputDim();
        if (x.rank() != 4 || x.size(0) != n || x.size(1) != lag || x.size(3) != c) {
            throw new IllegalArgumentException("x must be [" + n + ", " + lag + ", B, " + c + "], got "
                    + Arrays.toString(x.shape()));
        }
        INDArray copy = x.dup('c');
        float[] values = copy.data().asFloat();
        copy.close();
        return values;
    }

    /** X~ = B + m ⊙ (X − B) with the model's own mask, one {@code [N·B, C]} array per time step. */
    List<float[]> prunedInput(float[] x, int batch) {
        return prunedInput(x, batch, mask);
    }

    /**
     * X~ = B + m ⊙ (X − B) with the binary mask {@code m} given: the same network reading other sensors (a sensor with
     * m = 0 reads as its learned graph bias B, whatever its value in x).
     */
    List<float[]> prunedInput(float[] x, int batch, float[] mask) {
        if (mask.length != shape.nodes()) {
            throw new IllegalArgumentException("a mask has " + shape.nodes() + " values, got " + mask.length);
        }
        int n = shape.nodes();
        int c = shape.inputDim();
        List<float[]> steps = new ArrayList<>(shape.lag());
        for (int t = 0; t < shape.lag(); t++) {
            float[] v = new float[n * batch * c];
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < batch; b++) {
                    for (int ch = 0; ch < c; ch++) {
                        float bias = graphBias[i * c + ch];
                        float value = x[((i * shape.lag() + t) * batch + b) * c + ch];
                        // a sensor not read is its bias exactly, whatever it holds (even NaN: a failed sensor's gap)
                        v[(i * batch + b) * c + ch] = mask[i] == 0f ? bias : bias + mask[i] * (value - bias);
                    }
                }
            }
            steps.add(v);
        }
        return steps;
    }

    /** The output head: last state {@code [N·B, H]} · W + b, as {@code [N, B, horizon]}. */
    INDArray head(float[] last, int batch) {
        int rows = shape.nodes() * batch;
        int h = shape.hiddenUnits();
        int out = shape.horizon();
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
        return Nd4j.create(f, new long[] {shape.nodes(), batch, out}, DataType.FLOAT);
    }

    /** A row-major copy of an array's values. */
    static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }
}
