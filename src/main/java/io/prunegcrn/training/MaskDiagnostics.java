package io.prunegcrn.training;

/**
 * What the mask's training gathered besides the mask, for benchmarks and notes (not stored with the model). A new
 * diagnostic is one component here and its value in {@link MaskState#diagnostics()}.
 *
 * @param gradientSum       Σ of the straight-through mask gradient over warm-up and pruning
 * @param pruningRawAverage raw mask averaged over the pruning batches (zeros without pruning)
 * @param selectionDelta    per sensor, mean loss of samples with it off minus with it on (zeros unless the mask was
 *                          learned)
 */
public record MaskDiagnostics(double[] gradientSum, double[] pruningRawAverage, double[] selectionDelta) {

    /** A run without a mask to learn (the linear forecaster): zeros for {@code nodes} sensors. */
    static MaskDiagnostics none(int nodes) {
        return new MaskDiagnostics(new double[nodes], new double[nodes], new double[nodes]);
    }
}
