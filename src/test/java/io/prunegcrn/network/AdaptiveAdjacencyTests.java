package io.prunegcrn.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdaptiveAdjacencyTests {

    private static final float[][] E = {{1, 0}, {0, 1}, {1, 1}, {-1, 0}};

    @Test
    void adjacencyIsTheRowSoftmaxOfTheRectifiedEmbeddingProducts() {
        float[][] a = AdaptiveAdjacency.of(Nd4j.create(E)).toFloatMatrix();
        // row 0: E0·Ej = 1, 0, 1, -1 -> relu 1, 0, 1, 0 -> softmax
        double z = 2 * Math.E + 2;
        assertThat(a[0]).containsExactly(new float[] {(float) (Math.E / z), (float) (1 / z), (float) (Math.E / z), (float) (1 / z)},
                within(1e-6f));
        // row 2: 1, 1, 2, -1 -> relu 1, 1, 2, 0
        double z2 = 2 * Math.E + Math.exp(2) + 1;
        assertThat(a[2]).containsExactly(new float[] {(float) (Math.E / z2), (float) (Math.E / z2), (float) (Math.exp(2) / z2),
                (float) (1 / z2)}, within(1e-6f));
    }

    @Test
    void chebyshevTermsFollowTheRecursion() {
        INDArray emb = Nd4j.create(E);
        List<INDArray> t = AdaptiveAdjacency.supports(emb, 4);
        INDArray a = AdaptiveAdjacency.of(emb);
        assertThat(t).hasSize(3);
        assertThat(t.get(0).equalsWithEps(a, 1e-6)).isTrue();
        INDArray t2 = a.mmul(a).muli(2).subi(Nd4j.eye(4).castTo(a.dataType()));
        assertThat(t.get(1).equalsWithEps(t2, 1e-5)).isTrue();
        assertThat(t.get(2).equalsWithEps(a.mmul(t2).muli(2).subi(a), 1e-5)).isTrue();
    }
}
