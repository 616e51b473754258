package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRPDecomposition_F64;
import org.junit.jupiter.api.Test;

import io.prunegcrn.dataset.TrafficSeries;

class ClassicalSelectionTests {

    /** Three independent sources, each copied (with a little noise) into three more sensors: 12 sensors. */
    private static TrafficSeries clusters(long seed) {
        Random rnd = new Random(seed);
        int steps = 600;
        int n = 12;
        float[] v = new float[steps * n];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < 3; c++) {
                double source = rnd.nextGaussian() * (c + 1);
                for (int j = 0; j < 4; j++) {
                    v[t * n + c * 4 + j] = (float) (source + 0.05 * rnd.nextGaussian());
                }
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("s" + i);
        }
        return new TrafficSeries(v, steps, ids);
    }

    private static Set<Integer> cluster(float[] mask) {
        Set<Integer> clusters = new java.util.HashSet<>();
        SensorMask.fromRaw(mask).kept().forEach(i -> clusters.add(i / 4));
        return clusters;
    }

    @Test
    void greedyAndQrTakeOneSensorOfEveryClusterBeforeASecondOfAny() {
        TrafficSeries s = clusters(1);
        assertThat(cluster(GreedyVarianceSelection.select(s, 600, 3, SensorConstraints.NONE))).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(cluster(PodQrSelection.select(s, 600, 3, SensorConstraints.NONE))).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void theyHonourMustKeepAndMustDrop() {
        TrafficSeries s = clusters(2);
        SensorConstraints c = new SensorConstraints(Set.of(1, 2), Set.of(8, 9, 10, 11));
        for (float[] mask : List.of(GreedyVarianceSelection.select(s, 600, 4, c), PodQrSelection.select(s, 600, 4, c))) {
            List<Integer> kept = SensorMask.fromRaw(mask).kept();
            assertThat(kept).hasSize(4).contains(1, 2).doesNotContain(8, 9, 10, 11);
            assertThat(cluster(mask)).as("the budget's rest goes to the uncovered cluster").contains(1);
        }
    }

    @Test
    void qrPivotsAreEjmlsColumnPivotsWhenNothingIsFixed() {
        Random rnd = new Random(5);
        DMatrixRMaj a = new DMatrixRMaj(6, 15);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = rnd.nextGaussian() * (1 + i % 4);
        }
        QRPDecomposition_F64<DMatrixRMaj> qrp = DecompositionFactory_DDRM.qrp(6, 15);
        qrp.decompose(a.copy());
        int[] ejml = java.util.Arrays.copyOf(qrp.getColPivots(), 6);

        assertThat(PodQrSelection.pivots(a, 6, SensorConstraints.NONE)).containsExactly(ejml);
    }

    @Test
    void aDeterministicSelectorOnCleanClustersIsStableUnderBootstrap() {
        TrafficSeries s = clusters(3);
        double j = SelectionStability.bootstrapJaccard(SelectionMethod.GREEDY, s, 600, 3, 150, 8, 1);
        assertThat(j).isBetween(0.0, 1.0);
        assertThat(SelectionStability.bootstrapJaccard(SelectionMethod.RANDOM, s, 600, 3, 150, 8, 1)).isNaN();
    }
}
