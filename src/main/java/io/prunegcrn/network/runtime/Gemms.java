package io.prunegcrn.network.runtime;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The native arrays one forecast call hands to BLAS, one per role and shape, freed together when the call ends. */
final class Gemms implements AutoCloseable {
    private final Map<String, INDArray> arrays = new HashMap<>();

    INDArray array(String role, long rows, long cols) {
        return arrays.computeIfAbsent(role + rows + "x" + cols, key -> Nd4j.createUninitialized(DataType.FLOAT, rows, cols));
    }

    /** out = a {@code [rows, rows]} · g {@code [rows, cols]}, all row-major native arrays: one BLAS call, no ND4J op. */
    static void multiply(INDArray a, INDArray g, INDArray out) {
        int rows = (int) a.size(0);
        int cols = (int) g.size(1);
        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, rows, cols, rows, 1f,
                new FloatPointer(a.data().addressPointer()), rows, new FloatPointer(g.data().addressPointer()), cols, 0f,
                new FloatPointer(out.data().addressPointer()), cols);
    }

    static void put(INDArray target, float[] values) {
        FloatBuffer buffer = target.data().asNioFloat();
        buffer.put(0, values, 0, values.length);
    }

    static float[] get(INDArray source, int length) {
        float[] v = new float[length];
        source.data().asNioFloat().get(0, v, 0, length);
        return v;
    }

    @Override
    public void close() {
        arrays.values().forEach(INDArray::close);
    }
}
