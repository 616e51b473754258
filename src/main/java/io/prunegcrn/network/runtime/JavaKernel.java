package io.prunegcrn.network.runtime;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An op of a planned graph computed in Java instead of by its libnd4j kernel, chosen while planning by the op's type,
 * arguments and array shapes ({@link JavaKernels}). Results equal libnd4j's to rounding: a contract test per kernel
 * compares them with the op run by libnd4j.
 */
interface JavaKernel {

    /**
     * Computes the op's outputs into {@code outputs}. Returns false, having written nothing, where these arrays do not
     * suit it (a placeholder fed as a view, say): the plan then calls libnd4j's kernel.
     */
    boolean run(INDArray[] inputs, INDArray[] outputs);
}
