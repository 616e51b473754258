package io.prunegcrn.model.runtime;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/** The native arrays one forecast call hands to BLAS, one per role and shape, freed together when the call ends. */
final class Gemms implements AutoCloseable {
    private final Map<String, INDArray> arrays = new HashMap<>();

    INDArray array(String role, long rows, long cols) {
        return arrays.computeIfAbsent(role + rows + "x" + cols, key -> Nd4j.createUninitialized(DataType.FLOAT, rows, cols));
    }

    /** a {@code [rows, rows]} · g {@code [rows, cols]}. */
    float[] multiply(INDArray a, float[] g, int rows, int cols) {
        INDArray in = array("rhs", rows, cols);
        INDArray out = array("product", rows, cols);
        put(in, g);
        Nd4j.exec(new Mmul(a, in, out, 1.0, 0.0, MMulTranspose.allFalse()));
        return get(out, rows * cols);
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
