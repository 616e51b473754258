package io.prunegcrn.learnedgraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearnedGraphControllerTests {

    @Test
    void adjacencyRowIsTheSoftmaxOfTheRectifiedEmbeddingProducts() {
        float[][] e = {{1, 0}, {0, 1}, {1, 1}, {-1, 0}};
        // row 0: E0·Ej = 1, 0, 1, -1 -> relu 1, 0, 1, 0 -> softmax
        double z = 2 * Math.E + 2;
        assertThat(LearnedGraphController.adjacencyRow(e, 0)).containsExactly(
                new double[] {Math.E / z, 1 / z, Math.E / z, 1 / z}, within(1e-12));
        // row 2: 1, 1, 2, -1 -> relu 1, 1, 2, 0
        double z2 = 2 * Math.E + Math.exp(2) + 1;
        assertThat(LearnedGraphController.adjacencyRow(e, 2)).containsExactly(
                new double[] {Math.E / z2, Math.E / z2, Math.exp(2) / z2, 1 / z2}, within(1e-12));
    }
}
