package io.prunegcrn.model.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link StaticGraphRunner}'s plan for one set of placeholder shapes: the ops in order, each with its op context
 * and output arrays, made by running every op once. Output buffers come from a {@link BufferPool}; an array goes
 * back to the pool right after its last reader ({@link ArrayLifetimes}), so later ops reuse it.
 */
final class ExecutionPlan {

    /**
     * One op with its context and outputs; its inputs are looked up by name because placeholders and parameters may
     * change. {@code kernel}, where not null, computes it in Java.
     */
    private record Step(DifferentialFunction op, OpContext context, JavaKernel kernel, String[] inputs, INDArray[] outputs,
            View view, List<INDArray> releasedAfter) {
    }

    /**
     * The output of an identity or a row-major reshape: its input's array, or a view of it under {@code shape}, made
     * once while planning ({@code array} of {@code source}) and again only when the input is another array (a
     * placeholder). No values are copied.
     */
    private record View(String output, long[] shape, INDArray source, INDArray array) {

        INDArray of(INDArray input) {
            return shape == null ? input : input == source ? array : input.reshape('c', shape);
        }
    }

    private final SameDiff sd;
    private final List<String> outputs;
    private final RunnerOptions options;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, INDArray> arrays = new HashMap<>();
    private final BufferPool pool = new BufferPool();

    /** Plans by running every op once: {@link #results()} then holds this run's outputs. */
    ExecutionPlan(SameDiff sd, List<String> outputs, RunnerOptions options, Map<String, INDArray> placeholders) {
        this.sd = sd;
        this.outputs = outputs;
        this.options = options;
        List<String> order = OpOrder.of(sd, outputs);
        ArrayLifetimes lifetimes = new ArrayLifetimes(sd, order, outputs);
        for (int index = 0; index < order.size(); index++) {
            plan(index, sd.getOps().get(order.get(index)), lifetimes, placeholders);
        }
    }

    private void plan(int index, SameDiffOp sdo, ArrayLifetimes lifetimes, Map<String, INDArray> placeholders) {
        DifferentialFunction op = sdo.getOp();
        KernelCalls.requireStatic(op, sdo);
        String[] inputs = sdo.getInputsToOp() == null ? new String[0] : sdo.getInputsToOp().toArray(new String[0]);
        INDArray[] args = resolve(inputs, placeholders);
        List<String> outs = sdo.getOutputsOfOp();
        OpContext oc = Nd4j.getExecutioner().buildContext();
        List<LongShapeDescriptor> shapes;
        if (op instanceof DynamicCustomOp custom) {
            oc.setArgs(args, custom.iArgs(), custom.dArgs(), custom.tArgs(), custom.bArgs());
            shapes = custom.calculateOutputShape(oc);
        } else {
            KernelCalls.setLegacyInputs(oc, args);
            shapes = ((BaseOp) op).calculateOutputShape(oc);
        }
        if (shapes == null || shapes.size() != outs.size()) {
            throw new UnsupportedOperationException("cannot plan op " + op.opName() + " (" + sdo.getName() + ")");
        }
        if (KernelCalls.isView(op)) {
            closeContext(oc);
            long[] shape = op instanceof Identity ? null : shapes.get(0).getShape();
            INDArray array = shape == null ? args[0] : args[0].reshape('c', shape);
            arrays.put(outs.get(0), array);
            List<INDArray> released = new ArrayList<>();
            releaseAllLast(inputs, outs, index, lifetimes, released);
            steps.add(new Step(op, null, null, inputs, null, new View(outs.get(0), shape, args[0], array), released));
            return;
        }
        boolean constant = KernelCalls.isShapeFunction(op.opName());
        INDArray[] results = new INDArray[outs.size()];
        for (int i = 0; i < outs.size(); i++) {
            DataType type = sd.getVariable(outs.get(i)).dataType();
            results[i] = constant ? Nd4j.create(shapes.get(i).asDataType(type)) : pool.take(outs.get(i), type, shapes.get(i));
            oc.setOutputArray(i, results[i]);
            arrays.put(outs.get(i), results[i]);
        }
        JavaKernel kernel = options.javaKernels() && !constant ? JavaKernels.find(op, args, results) : null;
        if (kernel == null || !kernel.run(args, results)) {
            KernelCalls.exec(op, oc);
        }
        List<INDArray> released = new ArrayList<>();
        releaseAllLast(inputs, outs, index, lifetimes, released);
        if (!constant) {
            steps.add(new Step(op, oc, kernel, inputs, results, null, released));
        }
    }

    /** Arrays read for the last time by the op at {@code index} (or never read) go back to the pool for later ops. */
    private void releaseAllLast(String[] inputs, List<String> outs, int index, ArrayLifetimes lifetimes,
            List<INDArray> released) {
        for (String name : inputs) {
            releaseIfLast(name, index, lifetimes, released);
        }
        for (String name : outs) {
            releaseIfLast(name, index, lifetimes, released);
        }
    }

    private void releaseIfLast(String name, int index, ArrayLifetimes lifetimes, List<INDArray> released) {
        String array = lifetimes.arrayOf(name);
        if (lifetimes.lastReadAt(array, index)) {
            INDArray base = pool.release(array);
            if (base != null) {
                released.add(base);
            }
        }
    }

    /** Runs the planned ops again on new placeholder values of the planned shapes. */
    void execute(Map<String, INDArray> placeholders) {
        Map<String, Long> opNanos = options.opNanos();
        for (Step step : steps) {
            INDArray[] args = resolve(step.inputs(), placeholders);
            if (step.view() != null) {
                arrays.put(step.view().output(), step.view().of(args[0]));
            } else if (opNanos == null) {
                run(step, args);
            } else {
                long t0 = System.nanoTime();
                run(step, args);
                opNanos.merge(step.op().opName(), System.nanoTime() - t0, Long::sum);
            }
            if (options.poisonReleased()) {
                step.releasedAfter().forEach(a -> a.assign(Float.NaN)); // a later read of a dead array shows
            }
        }
    }

    private static void run(Step step, INDArray[] args) {
        if (step.kernel() != null && step.kernel().run(args, step.outputs())) {
            return;
        }
        if (step.op() instanceof DynamicCustomOp) {
            step.context().setInputArrays(args);
        } else {
            KernelCalls.setLegacyInputs(step.context(), args);
        }
        KernelCalls.exec(step.op(), step.context());
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

    /** Frees the op contexts and the pooled buffers now, not when the garbage collector gets to them. */
    void close() {
        for (Step step : steps) {
            if (step.context() != null) {
                closeContext(step.context());
            }
        }
        pool.close();
    }

    private static void closeContext(OpContext oc) {
        try {
            oc.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
}
