package io.prunegcrn.network;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AGCRN's adaptive graph, written once: A = softmax(relu(E·Eᵀ)) by row, and the Chebyshev terms T_1 = A,
 * T_k = 2·A·T_{k-1} − T_{k-2} (T_0 = I, implicit) that the graph convolution reads. The same maths twice, side by side:
 * as SameDiff ops for the training graph ({@link PruneGcrnGraph}) and eagerly for the serving forward
 * ({@code network.runtime.ForwardParameters}) and the learned-graph endpoint; {@code ForwardContractTests} keeps them equal.
 */
public final class AdaptiveAdjacency {

    private AdaptiveAdjacency() {
    }

    /** T_1..T_{K-1} as graph ops, stacked row-wise: (K−1)·N, N. */
    static SDVariable stackedSupports(SameDiff sd, SDVariable emb, NetworkShape s) {
        SDVariable a = sd.nn.softmax(sd.nn.relu(sd.mmul(emb, emb, false, true, false), 0.0), 1); // N, N
        List<SDVariable> terms = new ArrayList<>();
        terms.add(a);
        SDVariable prev = null;
        SDVariable cur = a;
        for (int k = 2; k < s.chebK(); k++) {
            SDVariable next = sd.mmul(a, cur).mul(2.0);
            next = prev == null ? next.sub(sd.math.eye(s.nodes(), s.nodes(), DataType.FLOAT)) : next.sub(prev);
            prev = cur;
            cur = next;
            terms.add(next);
        }
        return terms.size() == 1 ? a : sd.concat(0, terms.toArray(new SDVariable[0]));
    }

    /** A = softmax(relu(E·Eᵀ)) by row, from the embeddings E (N, d). */
    public static INDArray of(INDArray emb) {
        INDArray logits = Transforms.relu(emb.mmul(emb.transpose()), false);
        return Nd4j.exec(new SoftMax(logits, logits.ulike(), 1))[0];
    }

    /** T_1..T_{K-1}, each N × N and row-major. */
    public static List<INDArray> supports(INDArray emb, int chebK) {
        INDArray a = of(emb);
        List<INDArray> terms = new ArrayList<>();
        terms.add(a);
        INDArray prev = null;
        INDArray cur = a;
        for (int k = 2; k < chebK; k++) {
            INDArray next = a.mmul(cur).muli(2.0);
            next = prev == null ? next.subi(Nd4j.eye(a.rows()).castTo(DataType.FLOAT)) : next.subi(prev);
            prev = cur;
            cur = next;
            terms.add(next);
        }
        return terms.stream().map(t -> t.ordering() == 'c' ? t : t.dup('c')).toList(); // read by address, row-major
    }
}
