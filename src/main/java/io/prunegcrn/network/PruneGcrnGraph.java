package io.prunegcrn.network;

import static io.prunegcrn.network.ModelParameters.EMBEDDINGS;
import static io.prunegcrn.network.ModelParameters.GRAPH_BIAS;
import static io.prunegcrn.network.ModelParameters.HEAD_B;
import static io.prunegcrn.network.ModelParameters.HEAD_W;
import static io.prunegcrn.network.ModelParameters.RAW_MASK;
import static io.prunegcrn.network.ModelParameters.bias;
import static io.prunegcrn.network.ModelParameters.candidateStateWeights;
import static io.prunegcrn.network.ModelParameters.gateStateWeights;
import static io.prunegcrn.network.ModelParameters.inputWeights;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds the PruneGCRN network (MODEL.md) as a SameDiff graph. At γ = 1 with the mask frozen at ones it
 * is exactly AGCRN.
 *
 * <p>Layout is node-major: a batch of windows enters as {@code x[N, T, B, C]} and the hidden state is
 * {@code h[N, B, H]}, so that {@code A·X} is one 2-D matmul and the node-adaptive weights are one batched
 * matmul over nodes. Everything that does not depend on the time step (supports, per-node weights, the
 * input half of every graph convolution) is computed once per forward pass:
 * <pre>
 *   gconv([x, h]) = Σ_k T_k [x, h] W_k + b  =  (Σ_k T_k x Wx_k + b)  +  Σ_k T_k h Wh_k
 *                                              └ whole sequence, once ┘   └ per step ┘
 * </pre>
 * and the input half is shared by the gate and the candidate. This is the same function as AGCRN's
 * cell (a unit test compares it with a plain per-step forward).
 */
public final class PruneGcrnGraph {

    // The graph's placeholders and outputs. Its trainable variables are named by ModelParameters.
    public static final String X = "x";
    public static final String Y = "y";
    public static final String GAMMA = "gamma";
    public static final String FORECAST = "forecast";
    public static final String MASK = "mask";
    public static final String MAE = "mae";
    public static final String LOSS = "loss";
    /** Per-sample offset added to the raw mask before the clamp (selection graphs only): N, B. */
    public static final String MASK_OFFSET = "mask_offset";
    /** Per-sample MAE in data units (selection graphs only): B. */
    public static final String SAMPLE_MAE = "sample_mae";

    private PruneGcrnGraph() {
    }

    /**
     * Creates the graph with the given initial parameters.
     *
     * @param targetStd the z-score scale, so that MAE and the loss are in the data's units (AGCRN's real_value)
     */
    public static SameDiff build(NetworkShape s, ModelParameters init, double targetStd) {
        return build(s, init, targetStd, false);
    }

    /**
     * As {@link #build(NetworkShape, ModelParameters, double)}; with {@code perSampleMask} the clamp's input is
     * {@code r + offset[N, B]}, a mask per sample (the trainer's threshold shift and noise enter through the
     * placeholder {@link #MASK_OFFSET}, so the straight-through clamp stays the gradient path), and the graph
     * also outputs {@link #SAMPLE_MAE}. With a zero offset it computes the same values as the plain graph.
     */
    public static SameDiff build(NetworkShape s, ModelParameters init, double targetStd, boolean perSampleMask) {
        BinaryClampOp.register();
        int n = s.nodes();
        int h = s.hiddenUnits();
        SameDiff sd = SameDiff.create();

        SDVariable x = sd.placeHolder(X, DataType.FLOAT, n, s.lag(), -1, s.inputDim());   // N, T, B, C
        SDVariable y = sd.placeHolder(Y, DataType.FLOAT, n, -1, s.horizon());              // N, B, H_out
        SDVariable gamma = sd.placeHolder(GAMMA, DataType.FLOAT);                           // share of sensors allowed

        SDVariable emb = sd.var(EMBEDDINGS, init.get(EMBEDDINGS));                          // N, d
        SDVariable raw = sd.var(RAW_MASK, init.get(RAW_MASK));                              // N
        SDVariable graphBias = sd.var(GRAPH_BIAS, init.get(GRAPH_BIAS));                    // N, C

        // Pruned graph learning: X~ = m ⊙ X + (1 − m) ⊙ B  =  B + m ⊙ (X − B)
        SDVariable mask;
        SDVariable mask4;
        if (perSampleMask) {
            SDVariable offset = sd.placeHolder(MASK_OFFSET, DataType.FLOAT, n, -1);         // N, B
            SDVariable shifted = sd.reshape(raw, n, 1).add(offset);                          // N, B
            mask = BinaryClampOp.apply(sd, MASK, shifted, sd.onesLike(shifted));             // N, B
            mask4 = sd.reshape(mask, n, 1, -1, 1);                                           // N, 1, B, 1
        } else {
            mask = BinaryClampOp.apply(sd, MASK, raw);                                       // N
            mask4 = sd.reshape(mask, n, 1, 1, 1);
        }
        SDVariable bias4 = sd.reshape(graphBias, n, 1, 1, s.inputDim());
        SDVariable kept = bias4.add(mask4.mul(x.sub(bias4)));                               // N, T, B, C

        SDVariable supports = AdaptiveAdjacency.stackedSupports(sd, emb, s);                                   // (K-1)·N, N

        SDVariable seq = sd.reshape(kept, n, -1, s.inputDim());                             // N, T·B, C
        SDVariable last = null;
        for (int l = 0; l < s.layers(); l++) {
            List<SDVariable> states = recurrentLayer(sd, s, l, seq, supports, emb, init);
            last = states.get(states.size() - 1);
            seq = sd.concat(1, states.toArray(new SDVariable[0]));                          // N, T·B, H
        }

        // Output head (AGCRN's end_conv, a per-node linear map H -> horizon with shared weights)
        SDVariable headW = sd.var(HEAD_W, init.get(HEAD_W));                                // H, H_out
        SDVariable headB = sd.var(HEAD_B, init.get(HEAD_B));                                // H_out
        SDVariable flat = sd.reshape(last, -1, h);                                          // N·B, H
        SDVariable out = sd.reshape(sd.mmul(flat, headW).add(headB), n, -1, s.horizon());  // N, B, H_out
        SDVariable forecast = sd.identity(FORECAST, out);

        // Objective: MAE (data units) × (1 + max(0, mean(m) − γ))
        SDVariable absError = sd.math.abs(forecast.sub(y));                                  // N, B, H_out
        SDVariable mae = absError.mean().mul(MAE, targetStd);
        if (perSampleMask) {
            absError.mean(0, 2).mul(SAMPLE_MAE, targetStd);                                 // B
        }
        SDVariable overBudget = sd.nn.relu(mask.mean().sub(gamma), 0.0);
        mae.mul(LOSS, overBudget.add(1.0));
        sd.setLossVariables(LOSS);
        return sd;
    }

    /** [X, T_1 X, ..., T_{K-1} X] along the feature axis. X: N, M, F  ->  N, M, K·F. */
    private static SDVariable graphTerms(SameDiff sd, NetworkShape s, SDVariable supports, SDVariable x, int features) {
        int n = s.nodes();
        SDVariable propagated = sd.mmul(supports, sd.reshape(x, n, -1));                  // (K-1)·N, M·F
        SDVariable[] terms = new SDVariable[s.chebK()];
        terms[0] = x;
        if (s.chebK() == 2) {
            terms[1] = sd.reshape(propagated, n, -1, features);
        } else {
            SDVariable[] parts = sd.unstack(sd.reshape(propagated, s.chebK() - 1, n, -1, features), 0, s.chebK() - 1);
            System.arraycopy(parts, 0, terms, 1, parts.length);
        }
        return sd.concat(2, terms);
    }

    /** One GRU layer over the whole sequence; returns the hidden state after every step, each N, B, H. */
    private static List<SDVariable> recurrentLayer(SameDiff sd, NetworkShape s, int l, SDVariable seq,
            SDVariable supports, SDVariable emb, ModelParameters init) {
        int n = s.nodes();
        int h = s.hiddenUnits();
        int k = s.chebK();
        int in = s.layerInput(l);

        SDVariable wx = NodeAdaptive.perNode(sd, emb, sd.var(inputWeights(l), init.get(inputWeights(l))), k * in, 3 * h);          // N, K·C, 3H
        SDVariable whGate = NodeAdaptive.perNode(sd, emb, sd.var(gateStateWeights(l), init.get(gateStateWeights(l))), k * h, 2 * h);   // N, K·H, 2H
        SDVariable whCand = NodeAdaptive.perNode(sd, emb, sd.var(candidateStateWeights(l), init.get(candidateStateWeights(l))), k * h, h);  // N, K·H, H
        SDVariable b = NodeAdaptive.perNode(sd, emb, sd.var(bias(l), init.get(bias(l))), 1, 3 * h);                 // N, 1, 3H

        // Input half of both convolutions for every step at once: N, T·B, 3H
        SDVariable inputPart = sd.mmul(graphTerms(sd, s, supports, seq, in), wx).add(b);
        SDVariable[] steps = sd.unstack(sd.reshape(inputPart, n, s.lag(), -1, 3 * h), 1, s.lag());     // T × (N, B, 3H)

        List<SDVariable> states = new ArrayList<>(s.lag());
        SDVariable state = null;
        for (SDVariable step : steps) {
            SDVariable gateIn = step.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, 2 * h));
            SDVariable candIn = step.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(2 * h, 3 * h));
            if (state == null) {
                // h_0 = 0: the state half of both convolutions vanishes
                SDVariable[] zr = sd.split(sd.nn.sigmoid(gateIn), 2, 2);
                state = zr[1].rsub(1.0).mul(sd.nn.tanh(candIn));
            } else {
                SDVariable gates = gateIn.add(sd.mmul(graphTerms(sd, s, supports, state, h), whGate));
                SDVariable[] zr = sd.split(sd.nn.sigmoid(gates), 2, 2);                              // z, r: N, B, H
                SDVariable cand = candIn.add(sd.mmul(graphTerms(sd, s, supports, zr[0].mul(state), h), whCand));
                SDVariable hc = sd.nn.tanh(cand);
                state = zr[1].mul(state).add(zr[1].rsub(1.0).mul(hc));                               // r·h + (1−r)·hc
            }
            states.add(state);
        }
        return states;
    }
}
