/**
 * Running a network defined in {@link io.prunegcrn.network}, two ways.
 *
 * <p><b>The graph, planned</b> (training, evaluation): {@link io.prunegcrn.network.runtime.StaticGraphRunner} runs any
 * SameDiff graph's ops into arrays planned once per placeholder shape ({@code ExecutionPlan}: the op order from
 * {@code OpOrder}, one arena laid out by the arrays' lifetimes from {@code ArrayLifetimes} and {@code ArenaLayout}, kernel calls through
 * {@code KernelCalls}, and ops computed in Java where that is faster: {@code JavaKernels}, {@code MatmulKernel},
 * split over the cores by {@code Cores}). It knows nothing of PruneGCRN: kernels are matched by op type and shapes. Checks and timings for tests and benchmarks are chosen by
 * {@link io.prunegcrn.network.runtime.RunnerOptions} when a runner is built, not switched on in production code.
 *
 * <p><b>Java over OpenBLAS</b> (serving forecasts, backtests, per-sensor errors):
 * {@link io.prunegcrn.network.runtime.PerNodeForward} computes the graph's forecast without SameDiff, from
 * {@code ForwardParameters} (the parameters read once, with the pruned input and the output head), {@code GruCell} (the
 * GRU's element-wise step) and {@code Gemms} (native arrays and the support GEMM); its node-adaptive products call
 * OpenBLAS (the library nd4j-native loads) directly per node. The benchmark's pooled alternative in the test sources is
 * built from the same pieces.
 *
 * <p>{@link io.prunegcrn.network.runtime.GradientLogFilter} quiets SameDiff's log when a gradient graph is made.
 *
 * <p>Only what other packages call is public; the pieces above are package-private.
 */
package io.prunegcrn.network.runtime;
