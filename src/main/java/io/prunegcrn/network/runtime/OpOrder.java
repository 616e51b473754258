package io.prunegcrn.network.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;

/** The ops of a graph that some outputs need, each after the ops it reads from (a depth-first post-order). */
final class OpOrder {

    private OpOrder() {
    }

    static List<String> of(SameDiff sd, List<String> outputs) {
        List<String> order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String out : outputs) {
            visit(sd, out, order, seen);
        }
        return order;
    }

    private static void visit(SameDiff sd, String variable, List<String> order, Set<String> seen) {
        String opName = sd.getVariables().get(variable).getOutputOfOp();
        if (opName == null || !seen.add(opName)) {
            return;
        }
        SameDiffOp sdo = sd.getOps().get(opName);
        if (sdo.getInputsToOp() != null) {
            for (String in : sdo.getInputsToOp()) {
                visit(sd, in, order, seen);
            }
        }
        order.add(opName);
    }
}
