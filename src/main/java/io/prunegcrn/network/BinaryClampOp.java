package io.prunegcrn.network;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.ImportClassMapping;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The binary clamp of PruneGCRN's pruned graph learning: {@code m_i = 1 if clamp(r_i, 0, 1) >= 0.5 else 0}.
 *
 * <p>Forward: ND4J M2.1 cannot run Java code inside a graph, so this op borrows a native kernel. The
 * kernel of {@code thresholdedrelu_bp(x, g, θ)} computes {@code x > θ ? g : 0}; with an all-ones
 * {@code g} and {@code θ} = the largest float below 0.5 that is exactly {@code [x >= 0.5]}, which
 * equals {@code [clamp(x, 0, 1) >= 0.5]} for every float (NaN gives 0). The clamp does not change
 * the decision, so no clamp kernel is needed.
 *
 * <p>Backward: straight through, {@code ∂m/∂r = 1}, so a dropped sensor still gets a gradient and
 * can come back.
 *
 * <p>The op has its own name; {@link #register()} adds it to ND4J's op registry so that a saved
 * graph that contains it loads back (as this class, with this gradient) in a fresh JVM.
 */
public class BinaryClampOp extends DynamicCustomOp {

    public static final String OP_NAME = "prunegcrn_binary_clamp";
    /** The forward rule for one value, for every reader outside the graph (the serving forward, the stored mask). */
    public static float clamp(float raw) {
        return Math.min(1f, Math.max(0f, raw)) >= 0.5f ? 1f : 0f;
    }

    private static final String BORROWED_KERNEL = "thresholdedrelu_bp";
    /** Largest float below 0.5: {@code x > THRESHOLD} is {@code x >= 0.5} in float32. */
    static final float THRESHOLD = Math.nextDown(0.5f);

    static {
        register();
    }

    /** Used by ND4J when it loads a saved graph. */
    public BinaryClampOp() {
    }

    /**
     * @param raw  raw mask values r, any shape, FLOAT
     * @param ones an all-ones constant of r's shape (the borrowed kernel's upstream-gradient slot)
     */
    public BinaryClampOp(SameDiff sd, SDVariable raw, SDVariable ones) {
        super(sd, new SDVariable[] {raw, ones});
        addTArgument(THRESHOLD);
    }

    /** Adds the binary clamp to a graph: returns m = binaryClamp(raw). */
    public static SDVariable apply(SameDiff sd, String name, SDVariable raw) {
        SDVariable ones = sd.constant(name + "_ones", Nd4j.ones(DataType.FLOAT, raw.getShape()));
        return sd.updateVariableNameAndReference(new BinaryClampOp(sd, raw, ones).outputVariable(), name);
    }

    /** As {@link #apply(SameDiff, String, SDVariable)} for a raw input of dynamic shape, with its all-ones companion. */
    public static SDVariable apply(SameDiff sd, String name, SDVariable raw, SDVariable ones) {
        return sd.updateVariableNameAndReference(new BinaryClampOp(sd, raw, ones).outputVariable(), name);
    }

    /** Makes saved graphs with this op loadable; idempotent and cheap. */
    public static synchronized void register() {
        ImportClassMapping.getOpNameMapping().putIfAbsent(OP_NAME, new BinaryClampOp());
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    public long opHash() {
        return getDescriptor().getHash();
    }

    @Override
    public CustomOpDescriptor getDescriptor() {
        return Nd4j.getExecutioner().getCustomOperations().get(BORROWED_KERNEL);
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> inputDataTypes) {
        return Collections.singletonList(inputDataTypes.get(0));
    }

    /** Straight-through estimator: the incoming gradient passes to r unchanged; the constant gets none. */
    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        return List.of(gradients.get(0), sameDiff.zerosLike(arg(1)));
    }

    /** No properties beyond the threshold, which travels as a T-argument. Must not be null: save() needs a map. */
    @Override
    public Map<String, Object> propertiesForFunction() {
        return Collections.emptyMap();
    }

    @Override
    public void setPropertiesForFunction(Map<String, Object> properties) {
        // nothing to restore
    }

    @Override
    public void configureFromArguments() {
        if (tArguments.isEmpty()) {
            addTArgument(THRESHOLD);
        }
    }

}
