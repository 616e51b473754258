package io.prunegcrn.network.runtime;

import java.util.List;
import java.util.Set;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a {@link StaticGraphRunner} calls libnd4j's kernels through an op context, and which ops can be called that
 * way: those whose arguments are all fixed when the graph is built.
 */
final class KernelCalls {

    /** Ops whose output depends only on their input's shape: run once while planning, never again. */
    private static final Set<String> SHAPE_FUNCTIONS = Set.of("shape_of", "zeroslike", "oneslike");

    private static final List<String> CONTROL_FLOW =
            List.of("enter", "exit", "switch", "merge", "next_iteration", "loop_cond", "invoke", "create_view");

    private KernelCalls() {
    }

    static boolean isShapeFunction(String opName) {
        return SHAPE_FUNCTIONS.contains(opName);
    }

    /**
     * Ops whose output is their first input's values in row-major order under another shape: a plan hands out a view
     * of the input instead of running them. Only a row-major reshape qualifies (libnd4j's order argument {@code -99}).
     */
    static boolean isView(DifferentialFunction op) {
        return op instanceof Identity || op instanceof Reshape reshape && reshape.iArgs().length > 0
                && reshape.iArgs()[0] == Reshape.C_ORDER;
    }

    /** Refuses ops that need SameDiff's session: control flow, views, arguments read from arrays at run time. */
    static void requireStatic(DifferentialFunction op, SameDiffOp sdo) {
        boolean ok = op instanceof CustomOp || op instanceof Op;
        int inputs = sdo.getInputsToOp() == null ? 0 : sdo.getInputsToOp().size();
        if (op instanceof ReduceOp && inputs == 2 || op instanceof ScalarOp && inputs == 2) {
            ok = false; // axis or scalar read from an array at run time
        }
        if (sdo.getControlDeps() != null && !sdo.getControlDeps().isEmpty()) {
            ok = false;
        }
        String name = op.opName();
        if (CONTROL_FLOW.contains(name)) {
            ok = false;
        }
        if (!ok) {
            throw new UnsupportedOperationException("op " + name + " (" + sdo.getName() + ") needs SameDiff's session");
        }
    }

    /** Inputs of a legacy (non-custom) op: at most two, by position. */
    static void setLegacyInputs(OpContext oc, INDArray[] args) {
        if (args.length > 0) {
            oc.setInputArray(0, args[0]);
        }
        if (args.length == 2) {
            oc.setInputArray(1, args[1]);
        }
    }

    static void exec(DifferentialFunction op, OpContext oc) {
        if (op instanceof CustomOp custom) {
            Nd4j.exec(custom, oc);
        } else {
            Nd4j.exec((Op) op, oc);
        }
    }
}
