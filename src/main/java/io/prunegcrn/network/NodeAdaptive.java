package io.prunegcrn.network;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AGCRN's node-adaptive parameters, written once: each node's weights and biases are its embedding row times a pool
 * shared by all nodes, P_n = E_n · P_pool. As SameDiff ops for the training graph ({@link PruneGcrnGraph}) and eagerly
 * for the serving forward ({@code network.runtime}); {@code ForwardContractTests} keeps the two equal.
 */
public final class NodeAdaptive {

    private NodeAdaptive() {
    }

    /** E·pool as graph ops, one {@code rows × cols} matrix per node: N, rows, cols. */
    static SDVariable perNode(SameDiff sd, SDVariable emb, SDVariable pool, int rows, int cols) {
        return sd.reshape(sd.mmul(emb, pool), -1, rows, cols);
    }

    /** E·pool eagerly: {@code [N, d]} by {@code [d, P]}, node n's parameters in row n, row-major. */
    public static INDArray perNode(INDArray emb, INDArray pool) {
        INDArray w = emb.mmul(pool);
        if (w.ordering() == 'c') {
            return w;
        }
        INDArray rowMajor = w.dup('c');
        w.close();
        return rowMajor;
    }
}
