package io.prunegcrn.network.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;

/**
 * When each intermediate array of a plan is read for the last time, so that its buffer can be reused right after.
 * The output of an identity or a reshape shares its input's array ({@link KernelCalls#isView}), so reads of either
 * count for the array. Requested outputs are
 * never released; placeholders, parameters and constants are not the plan's own and are not tracked.
 */
final class ArrayLifetimes {

    /** Identity outputs to the array they share. */
    private final Map<String, String> roots = new HashMap<>();
    /** Index (in the op order) of the last op that reads each array. */
    private final Map<String, Integer> lastUse = new HashMap<>();

    ArrayLifetimes(SameDiff sd, List<String> order, List<String> outputs) {
        for (int index = 0; index < order.size(); index++) {
            SameDiffOp sdo = sd.getOps().get(order.get(index));
            List<String> ins = sdo.getInputsToOp() == null ? List.of() : sdo.getInputsToOp();
            String opName = sdo.getOp().opName();
            for (int i = 0; i < ins.size(); i++) {
                if (!readsOnlyShape(opName, i, ins.size())) {
                    lastUse.put(arrayOf(ins.get(i)), index);
                }
            }
            for (String out : sdo.getOutputsOfOp()) {
                if (KernelCalls.isView(sdo.getOp())) {
                    roots.put(out, arrayOf(ins.get(0)));
                } else if (!KernelCalls.isShapeFunction(opName)) {
                    lastUse.putIfAbsent(out, index);
                }
            }
        }
        for (String out : outputs) {
            lastUse.put(arrayOf(out), Integer.MAX_VALUE);
        }
        lastUse.keySet().removeIf(name -> sd.getVariable(name).getVariableType() != VariableType.ARRAY);
    }

    /** The variable whose array {@code variable} is: itself, or for an identity's output the identity's input. */
    String arrayOf(String variable) {
        return roots.getOrDefault(variable, variable);
    }

    /**
     * Index of the last op that reads {@code array} (one of the plan's own arrays), its writer's where none does, or
     * {@link Integer#MAX_VALUE} for a requested output.
     */
    int lastRead(String array) {
        Integer last = lastUse.get(array);
        if (last == null) {
            throw new IllegalArgumentException("not an array of the plan: " + array);
        }
        return last;
    }

    /**
     * Backprop ops that read some inputs only for their shape (libnd4j's kernels: add/subtract_bp reduce the
     * incoming gradient to each operand's shape, concat_bp splits it by the inputs' shapes, strided_slice_bp
     * scatters it into an input-shaped zero array). Such a read does not keep the array alive: its buffer may be
     * reused by then, and the op still sees the right shape. Without this, a training step at N = 207 kept
     * ~1 GB of forward arrays alive until the backward pass only for their shapes.
     */
    private static boolean readsOnlyShape(String op, int input, int inputs) {
        return switch (op) {
            case "add_bp", "subtract_bp" -> input < 2;
            case "concat_bp" -> input < inputs - 1;
            case "strided_slice_bp" -> input == 0;
            default -> KernelCalls.isShapeFunction(op);
        };
    }
}
