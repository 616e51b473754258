package io.prunegcrn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the ops of a SameDiff graph that some outputs need, in order, into arrays planned once for one set of
 * placeholder shapes.
 *
 * <p>Why: SameDiff's session spends a fraction of a millisecond per op on dependency tracking, shape inference
 * and array allocation, and a training step here has ~1,600 ops; and when run for gradients it leaves freeing to
 * the garbage collector. The graph's shapes depend only on the placeholders' shapes, so the plan (op order, op
 * contexts, output arrays) is made once per shape, each run is one native call per op, and an array's buffer is
 * reused as soon as the last op that reads its values has run. The ops, their arguments and their kernels are
 * exactly SameDiff's: results are bitwise the same (tests compare them).
 *
 * <p>Not thread-safe: a plan owns its intermediate arrays. Graphs with control flow, views or ops whose
 * arguments are read from arrays at run time are refused ({@link UnsupportedOperationException}).
 */
public final class StaticGraphRunner {

    /** Nanoseconds per op name over all runs, when the system property prunegcrn.profile-ops is true (bench/train-speed). */
    public static final Map<String, Long> OP_PROFILE = Boolean.getBoolean("prunegcrn.profile-ops") ? new ConcurrentHashMap<>() : null;
    private final SameDiff sd;
    private final List<String> outputs;
    /** Tests: fill every array with NaN once its last reader has run, so that a read of a dead array shows. */
    boolean poisonReleased;

    /** The plan of the last placeholder shapes; a new shape (e.g. the last, partial batch) replaces it. */
    private String planned;
    private Plan plan;

    public StaticGraphRunner(SameDiff sd, String... outputs) {
        this.sd = sd;
        this.outputs = List.of(outputs);
    }

    /**
     * Runs the graph. The returned arrays belong to the plan and are overwritten by the next run with the same
     * placeholder shapes: copy what must outlive it.
     */
    public Map<String, INDArray> run(Map<String, INDArray> placeholders) {
        String key = shapeKey(placeholders);
        if (!key.equals(planned)) {
            if (plan != null) {
                plan.close(); // free the old plan's native arrays now, not when the garbage collector gets to them
                plan = null;
            }
            plan = new Plan(placeholders); // planning runs every op once
            planned = key;
            return plan.results();
        }
        plan.execute(placeholders);
        return plan.results();
    }

    /** Largest total size of the buffers in use at one time while planning (the floor for {@link #allocatedBytes}). */
    public long peakLiveBytes() {
        return plan == null ? 0 : plan.peakLiveBytes();
    }

    /** Bytes of intermediate arrays held by the current plan. */
    public long allocatedBytes() {
        return plan == null ? 0 : plan.bytes();
    }

    private static String shapeKey(Map<String, INDArray> placeholders) {
        StringBuilder sb = new StringBuilder();
        placeholders.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(e.getKey()).append(Arrays.toString(e.getValue().shape())).append(';'));
        return sb.toString();
    }

    /** Ops whose output depends only on their input's shape: run once while planning, never again. */
    private static final Set<String> SHAPE_FUNCTIONS = Set.of("shape_of", "zeroslike", "oneslike");

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
            default -> SHAPE_FUNCTIONS.contains(op);
        };
    }

    /** One op with its context; its inputs are looked up by name because placeholders and parameters may change. */
    private record Step(DifferentialFunction op, OpContext context, String[] inputs, String passThroughOutput,
            List<INDArray> releasedAfter) {
    }

    private final class Plan {
        private final List<Step> steps = new ArrayList<>();
        private final Map<String, INDArray> arrays = new HashMap<>();
        private final BufferPool pool = new BufferPool();
        /** Identity outputs to the array they share. */
        private final Map<String, String> roots = new HashMap<>();

        Plan(Map<String, INDArray> placeholders) {
            List<String> order = order();
            Map<String, Integer> lastUse = lastUses(order);
            for (int index = 0; index < order.size(); index++) {
                SameDiffOp sdo = sd.getOps().get(order.get(index));
                DifferentialFunction op = sdo.getOp();
                refuseDynamic(op, sdo);
                String[] inputs = sdo.getInputsToOp() == null ? new String[0] : sdo.getInputsToOp().toArray(new String[0]);
                INDArray[] args = resolve(inputs, placeholders);
                List<String> outs = sdo.getOutputsOfOp();
                if (op instanceof Identity) {
                    arrays.put(outs.get(0), args[0]);
                    steps.add(new Step(op, null, inputs, outs.get(0), List.of()));
                    continue;
                }
                OpContext oc = Nd4j.getExecutioner().buildContext();
                List<LongShapeDescriptor> shapes;
                if (op instanceof DynamicCustomOp custom) {
                    oc.setArgs(args, custom.iArgs(), custom.dArgs(), custom.tArgs(), custom.bArgs());
                    shapes = custom.calculateOutputShape(oc);
                } else {
                    setLegacyInputs(oc, args);
                    shapes = ((BaseOp) op).calculateOutputShape(oc);
                }
                if (shapes == null || shapes.size() != outs.size()) {
                    throw new UnsupportedOperationException("cannot plan op " + op.opName() + " (" + sdo.getName() + ")");
                }
                boolean constant = SHAPE_FUNCTIONS.contains(op.opName());
                for (int i = 0; i < outs.size(); i++) {
                    DataType type = sd.getVariable(outs.get(i)).dataType();
                    INDArray out = constant ? Nd4j.create(shapes.get(i).asDataType(type)) : pool.take(outs.get(i), type, shapes.get(i));
                    oc.setOutputArray(i, out);
                    arrays.put(outs.get(i), out);
                }
                exec(op, oc);
                // arrays read for the last time here (or never read) go back to the pool for later ops
                List<INDArray> released = new ArrayList<>();
                for (String name : inputs) {
                    releaseIfLast(name, index, lastUse, released);
                }
                for (String name : outs) {
                    releaseIfLast(name, index, lastUse, released);
                }
                if (!constant) {
                    steps.add(new Step(op, oc, inputs, null, released));
                }
            }
        }

        private void releaseIfLast(String name, int index, Map<String, Integer> lastUse, List<INDArray> released) {
            String array = roots.getOrDefault(name, name);
            Integer last = lastUse.get(array);
            if (last != null && last == index) {
                INDArray base = pool.release(array);
                if (base != null) {
                    released.add(base);
                }
            }
        }

        /**
         * The index of the last op that reads each intermediate array; an identity's output shares its input's
         * array, so reads of either count for the array. Requested outputs are never released.
         */
        private Map<String, Integer> lastUses(List<String> order) {
            Map<String, Integer> last = new HashMap<>();
            for (int index = 0; index < order.size(); index++) {
                SameDiffOp sdo = sd.getOps().get(order.get(index));
                List<String> ins = sdo.getInputsToOp() == null ? List.of() : sdo.getInputsToOp();
                String opName = sdo.getOp().opName();
                for (int i = 0; i < ins.size(); i++) {
                    if (!readsOnlyShape(opName, i, ins.size())) {
                        last.put(roots.getOrDefault(ins.get(i), ins.get(i)), index);
                    }
                }
                for (String out : sdo.getOutputsOfOp()) {
                    if (sdo.getOp() instanceof Identity) {
                        roots.put(out, roots.getOrDefault(ins.get(0), ins.get(0)));
                    } else if (!SHAPE_FUNCTIONS.contains(opName)) {
                        last.putIfAbsent(out, index);
                    }
                }
            }
            for (String out : outputs) {
                last.put(roots.getOrDefault(out, out), Integer.MAX_VALUE);
            }
            // keep only arrays this plan allocates (placeholders, parameters and constants are not its own)
            last.keySet().removeIf(name -> sd.getVariable(name).getVariableType() != VariableType.ARRAY);
            return last;
        }

        void execute(Map<String, INDArray> placeholders) {
            for (Step step : steps) {
                INDArray[] args = resolve(step.inputs(), placeholders);
                if (step.passThroughOutput() != null) {
                    arrays.put(step.passThroughOutput(), args[0]); // identity: no copy
                    continue;
                }
                if (step.op() instanceof DynamicCustomOp) {
                    step.context().setInputArrays(args);
                } else {
                    setLegacyInputs(step.context(), args);
                }
                if (OP_PROFILE == null) {
                    exec(step.op(), step.context());
                } else {
                    long t0 = System.nanoTime();
                    exec(step.op(), step.context());
                    OP_PROFILE.merge(step.op().opName(), System.nanoTime() - t0, Long::sum);
                }
                if (poisonReleased) {
                    step.releasedAfter().forEach(a -> a.assign(Float.NaN)); // a later read of a dead array shows
                }
            }
        }

        Map<String, INDArray> results() {
            Map<String, INDArray> out = new LinkedHashMap<>();
            for (String name : outputs) {
                out.put(name, arrays.get(name));
            }
            return out;
        }

        long bytes() {
            return pool.bytes();
        }

        long peakLiveBytes() {
            return pool.peakLiveBytes();
        }

        void close() {
            for (Step step : steps) {
                if (step.context() != null) {
                    try {
                        step.context().close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            pool.close();
        }

        private INDArray[] resolve(String[] names, Map<String, INDArray> placeholders) {
            INDArray[] args = new INDArray[names.length];
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                VariableType type = sd.getVariable(name).getVariableType();
                args[i] = switch (type) {
                    case PLACEHOLDER -> placeholders.get(name);
                    case VARIABLE, CONSTANT -> sd.getArrForVarName(name);
                    default -> arrays.get(name);
                };
                if (args[i] == null) {
                    throw new IllegalArgumentException("no array for " + name);
                }
            }
            return args;
        }

        /** Ops needed for the outputs, inputs first. */
        private List<String> order() {
            List<String> order = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String out : outputs) {
                visit(out, order, seen);
            }
            return order;
        }

        private void visit(String variable, List<String> order, Set<String> seen) {
            String opName = sd.getVariables().get(variable).getOutputOfOp();
            if (opName == null || !seen.add(opName)) {
                return;
            }
            SameDiffOp sdo = sd.getOps().get(opName);
            if (sdo.getInputsToOp() != null) {
                for (String in : sdo.getInputsToOp()) {
                    visit(in, order, seen);
                }
            }
            order.add(opName);
        }
    }

    private static void refuseDynamic(DifferentialFunction op, SameDiffOp sdo) {
        boolean ok = op instanceof CustomOp || op instanceof Op;
        int inputs = sdo.getInputsToOp() == null ? 0 : sdo.getInputsToOp().size();
        if (op instanceof ReduceOp && inputs == 2 || op instanceof ScalarOp && inputs == 2) {
            ok = false; // axis or scalar read from an array at run time
        }
        if (sdo.getControlDeps() != null && !sdo.getControlDeps().isEmpty()) {
            ok = false;
        }
        String name = op.opName();
        if (List.of("enter", "exit", "switch", "merge", "next_iteration", "loop_cond", "invoke", "create_view")
                .contains(name)) {
            ok = false;
        }
        if (!ok) {
            throw new UnsupportedOperationException("op " + name + " (" + sdo.getName() + ") needs SameDiff's session");
        }
    }

    private static void setLegacyInputs(OpContext oc, INDArray[] args) {
        if (args.length > 0) {
            oc.setInputArray(0, args[0]);
        }
        if (args.length == 2) {
            oc.setInputArray(1, args[1]);
        }
    }

    private static void exec(DifferentialFunction op, OpContext oc) {
        if (op instanceof CustomOp custom) {
            Nd4j.exec(custom, oc);
        } else {
            Nd4j.exec((Op) op, oc);
        }
    }
}
