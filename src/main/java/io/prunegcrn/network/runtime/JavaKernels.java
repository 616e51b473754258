package io.prunegcrn.network.runtime;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Which ops a plan computes in Java: matched by op type, arguments and shapes, never by variable names. */
final class JavaKernels {

    private JavaKernels() {
    }

    /** The Java kernel for this op on arrays of these shapes, or null to call libnd4j's. */
    static JavaKernel find(DifferentialFunction op, INDArray[] inputs, INDArray[] outputs) {
        return MatmulKernel.match(op, inputs, outputs);
    }
}
