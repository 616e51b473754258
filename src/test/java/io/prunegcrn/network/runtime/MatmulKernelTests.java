package io.prunegcrn.network.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.prunegcrn.network.PruneGcrnGraphTests;

/** The Java matmul kernel against libnd4j's matmul and matmul_bp: every transpose flag, rank 2 and 3, split or not. */
class MatmulKernelTests {

    /** Sizes {batch (0: rank 2), m, k, n}: below and above the size that splits a product over the cores. */
    static Stream<Arguments> shapesAndFlags() {
        int[][] sizes = {{0, 3, 4, 5}, {0, 300, 70, 60}, {0, 60, 70, 300}, {1, 300, 70, 60}, {5, 40, 80, 70}, {7, 2, 3, 4}};
        return Stream.of(sizes).flatMap(s -> Stream.iterate(0, f -> f < 8, f -> f + 1)
                .map(f -> Arguments.of(s, (f & 4) != 0, (f & 2) != 0, (f & 1) != 0)));
    }

    @ParameterizedTest(name = "{0} transX={1} transY={2} transZ={3}")
    @MethodSource("shapesAndFlags")
    void productAndItsGradientsEqualLibnd4js(int[] size, boolean transX, boolean transY, boolean transZ) {
        Random rnd = new Random(size[1] * 31 + size[3]);
        INDArray x = PruneGcrnGraphTests.gaussian(rnd, shape(size[0], transX ? size[2] : size[1], transX ? size[1] : size[2]));
        INDArray y = PruneGcrnGraphTests.gaussian(rnd, shape(size[0], transY ? size[3] : size[2], transY ? size[2] : size[3]));
        INDArray eps = PruneGcrnGraphTests.gaussian(rnd, shape(size[0], transZ ? size[3] : size[1], transZ ? size[1] : size[3]));

        INDArray[] forward = {Nd4j.create(DataType.FLOAT, eps.shape())};
        assertSameAsLibnd4j(op("matmul", transX, transY, transZ, forward, x, y), new INDArray[] {x, y}, forward);

        INDArray[] backward = {Nd4j.create(DataType.FLOAT, x.shape()), Nd4j.create(DataType.FLOAT, y.shape())};
        assertSameAsLibnd4j(op("matmul_bp", transX, transY, transZ, backward, x, y, eps), new INDArray[] {x, y, eps}, backward);
    }

    /** A plan's arrays are views at offsets into one arena. */
    @Test
    void productsOfArraysAtOffsetsInOneBufferEqualLibnd4js() {
        INDArray arena = Nd4j.rand(DataType.FLOAT, 10_000);
        INDArray x = arena.get(NDArrayIndex.interval(16, 16 + 5 * 6 * 7)).reshape('c', 5, 6, 7);
        INDArray y = arena.get(NDArrayIndex.interval(512, 512 + 5 * 7 * 4)).reshape('c', 5, 7, 4);
        INDArray eps = arena.get(NDArrayIndex.interval(1024, 1024 + 5 * 6 * 4)).reshape('c', 5, 6, 4);
        INDArray[] forward = {arena.get(NDArrayIndex.interval(2048, 2048 + 5 * 6 * 4)).reshape('c', 5, 6, 4)};
        assertSameAsLibnd4j(op("matmul", false, false, false, forward, x, y), new INDArray[] {x, y}, forward);
        INDArray[] backward = {arena.get(NDArrayIndex.interval(4096, 4096 + 5 * 6 * 7)).reshape('c', 5, 6, 7),
                arena.get(NDArrayIndex.interval(8192, 8192 + 5 * 7 * 4)).reshape('c', 5, 7, 4)};
        assertSameAsLibnd4j(op("matmul_bp", false, false, false, backward, x, y, eps), new INDArray[] {x, y, eps}, backward);
    }

    @Test
    void leavesStridedViewsAndScaledProductsToLibnd4j() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 4);
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray[] z = {Nd4j.create(DataType.FLOAT, 6, 3)};
        INDArray columns = Nd4j.rand(DataType.FLOAT, 6, 8).get(NDArrayIndex.all(), NDArrayIndex.interval(2, 6));
        assertThat(MatmulKernel.match(op("matmul", false, false, false, z, columns, y), new INDArray[] {columns, y}, z)).isNull();

        DynamicCustomOp scaled = DynamicCustomOp.builder("matmul").addInputs(x, y).addOutputs(Nd4j.create(DataType.FLOAT, 6, 3))
                .addFloatingPointArguments(2.0, 0.0).build();
        assertThat(MatmulKernel.match(scaled, scaled.inputArguments().toArray(new INDArray[0]), scaled.outputArguments().toArray(new INDArray[0]))).isNull();
    }

    private static void assertSameAsLibnd4j(DynamicCustomOp op, INDArray[] inputs, INDArray[] expected) {
        Nd4j.exec(op);
        JavaKernel kernel = MatmulKernel.match(op, inputs, expected);
        assertThat(kernel).as("matched").isNotNull();
        INDArray[] actual = Stream.of(expected).map(MatmulKernelTests::atAnOffset).toArray(INDArray[]::new);
        assertThat(kernel.run(inputs, actual)).isTrue();
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, expected[i].amaxNumber().doubleValue());
            assertThat(actual[i].sub(expected[i]).amaxNumber().doubleValue() / scale).as("%s output %d", op.opName(), i)
                    .isLessThan(1e-5);
        }
    }

    /** A zero array of {@code like}'s shape, 32 elements into a larger buffer. */
    private static INDArray atAnOffset(INDArray like) {
        return Nd4j.create(DataType.FLOAT, like.length() + 64).get(NDArrayIndex.interval(32, 32 + like.length()))
                .reshape('c', like.shape());
    }

    private static DynamicCustomOp op(String name, boolean transX, boolean transY, boolean transZ, INDArray[] outputs,
            INDArray... inputs) {
        return DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs)
                .addIntegerArguments(transX ? 1 : 0, transY ? 1 : 0, transZ ? 1 : 0).build();
    }

    private static long[] shape(int batch, int rows, int cols) {
        return batch == 0 ? new long[] {rows, cols} : new long[] {batch, rows, cols};
    }
}
