/**
 * The PruneGCRN network's definition: what it is, not how it is run.
 *
 * <ul>
 * <li>{@link io.prunegcrn.network.NetworkShape}: the sizes that fix a network, and the window length and horizon
 *     ({@code LAG}, {@code HORIZON}) every trained model uses.</li>
 * <li>{@link io.prunegcrn.network.ModelParameters}: the trainable arrays, their names (also the graph's variable
 *     names and a saved model's) and their seeded initialisation.</li>
 * <li>{@link io.prunegcrn.network.PruneGcrnGraph}: the network as a SameDiff graph, built from a shape and parameters;
 *     it depends on {@code ModelParameters}, never the other way.</li>
 * <li>{@link io.prunegcrn.network.BinaryClampOp}: the graph's custom op, the mask's binary clamp.</li>
 * </ul>
 *
 * <p>How a network is run lives in {@link io.prunegcrn.network.runtime}: the planned graph runner used by training and
 * evaluation, and the plain-Java forward that serves forecasts. The two are separate packages, not only separate
 * classes, because the runtime changes for speed and memory (issues 12, 13) while the definition changes for
 * accuracy; keeping the definition free of runtime types shows at a glance that speed work cannot change what the
 * network computes. The price is small: the runtime reads the per-layer parameter names and
 * {@code NetworkShape.layerInput}, which are public for that, and no type had to become public.
 */
package io.prunegcrn.network;
