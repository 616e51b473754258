package io.prunegcrn.network.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * and output arrays. Planning infers every op's output shapes without running the large ops (their inputs are
 * {@link StandIns}), lays the arrays out in one arena by their lifetimes ({@link ArrayLifetimes},
 * {@link ArenaLayout}), then runs the plan once, checking that every op's shapes are the planned ones.
 *
 * <p>Shapes here depend only on the placeholders' shapes: ops with small outputs computed from placeholders,
 * parameters and constants alone (shape arithmetic) run for real while planning, so that shapes read from their
 * values are right; the check on the first run would catch any other value-dependent shape.
 */
final class ExecutionPlan {

    /** Ops whose outputs have at most this many elements, all inputs known, run while planning. */
    private static final long SMALL = 64;

    /**
     * One op with its context and outputs; its inputs are looked up by name because placeholders and parameters may
     * change. {@code kernel}, where not null, computes it in Java; {@code view}, where not null, is the op's output
     * as a view of its input (identity, reshape), and the op has no context.
     */
    private static final class Step {
        final DifferentialFunction op;
        final OpContext context;
        final String[] inputs;
        final INDArray[] outputs;
        final View view;
        final List<INDArray> deadAfter = new ArrayList<>();
        JavaKernel kernel;

        Step(DifferentialFunction op, OpContext context, String[] inputs, INDArray[] outputs, View view) {
            this.op = op;
            this.context = context;
            this.inputs = inputs;
            this.outputs = outputs;
            this.view = view;
        }
    }

    /** The output of an identity or a row-major reshape: its input, or a view of it under {@code shape}; no copy. */
    private static final class View {
        final String output;
        final long[] shape;
        INDArray source;
        INDArray array;

        View(String output, long[] shape) {
            this.output = output;
            this.shape = shape;
        }

        /** Made again only when the input is another array (a placeholder, or a stand-in replaced while planning). */
        INDArray of(INDArray input) {
            if (shape == null) {
                return input;
            }
            if (input != source) {
                source = input;
                array = input.reshape('c', shape);
            }
            return array;
        }
    }

    /** An output whose memory the layout decides: step {@code step}'s output {@code index}, written by op {@code op}. */
    private record Planned(String name, Step step, int index, int op, DataType type, LongShapeDescriptor shape) {
    }

    private final SameDiff sd;
    private final List<String> outputs;
    private final RunnerOptions options;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, INDArray> arrays = new HashMap<>();
    /** Arrays outside the arena: shape functions' and small ops' outputs, other data types. */
    private final List<INDArray> standalone = new ArrayList<>();
    private INDArray arena;
    private long bytes;
    private long peakLiveBytes;

    /** Plans, then runs the plan once: {@link #results()} then holds this run's outputs. */
    ExecutionPlan(SameDiff sd, List<String> outputs, RunnerOptions options, Map<String, INDArray> placeholders) {
        this.sd = sd;
        this.outputs = outputs;
        this.options = options;
        List<String> order = OpOrder.of(sd, outputs);
        ArrayLifetimes lifetimes = new ArrayLifetimes(sd, order, outputs);
        List<Planned> planned = new ArrayList<>();
        Step[] stepOfOp = new Step[order.size()];
        try (StandIns standIns = new StandIns()) {
            for (int index = 0; index < order.size(); index++) {
                stepOfOp[index] = inferShapes(index, sd.getOps().get(order.get(index)), placeholders, standIns, planned);
            }
            layOut(planned, lifetimes, order.size(), stepOfOp);
        }
        for (Step step : steps) {
            if (step.context != null && options.javaKernels()) {
                step.kernel = JavaKernels.find(step.op, resolve(step.inputs, placeholders), step.outputs);
            }
        }
        execute(placeholders, true);
    }

    /** Plans one op's outputs: a view, a real array (shape functions, small ops on known values) or a stand-in. */
    private Step inferShapes(int index, SameDiffOp sdo, Map<String, INDArray> placeholders, StandIns standIns,
            List<Planned> planned) {
        DifferentialFunction op = sdo.getOp();
        KernelCalls.requireStatic(op, sdo);
        String[] inputs = sdo.getInputsToOp() == null ? new String[0] : sdo.getInputsToOp().toArray(new String[0]);
        INDArray[] args = resolve(inputs, placeholders);
        List<String> outs = sdo.getOutputsOfOp();
        OpContext oc = Nd4j.getExecutioner().buildContext();
        List<LongShapeDescriptor> shapes = outputShapes(op, oc, args);
        if (shapes == null || shapes.size() != outs.size()) {
            throw new UnsupportedOperationException("cannot plan op " + op.opName() + " (" + sdo.getName() + ")");
        }
        boolean known = Arrays.stream(inputs).noneMatch(standIns::holds);
        if (KernelCalls.isView(op)) {
            closeContext(oc);
            View view = new View(outs.get(0), op instanceof Identity ? null : shapes.get(0).getShape());
            arrays.put(outs.get(0), view.of(args[0]));
            if (!known) {
                standIns.mark(outs.get(0));
            }
            Step step = new Step(op, null, inputs, null, view);
            steps.add(step);
            return step;
        }
        boolean shapeFunction = KernelCalls.isShapeFunction(op.opName());
        boolean runNow = shapeFunction || known && shapes.stream().allMatch(s -> length(s) <= SMALL);
        INDArray[] results = new INDArray[outs.size()];
        Step step = shapeFunction ? null : new Step(op, oc, inputs, results, null);
        for (int i = 0; i < outs.size(); i++) {
            DataType type = sd.getVariable(outs.get(i)).dataType();
            LongShapeDescriptor shape = shapes.get(i).asDataType(type);
            if (runNow || length(shape) == 0) {
                results[i] = Nd4j.create(shape);
                standalone.add(results[i]);
            } else {
                results[i] = standIns.create(outs.get(i), type, shape);
                planned.add(new Planned(outs.get(i), step, i, index, type, shape));
            }
            oc.setOutputArray(i, results[i]);
            arrays.put(outs.get(i), results[i]);
        }
        if (runNow) {
            KernelCalls.exec(op, oc);
        }
        if (shapeFunction) {
            closeContext(oc); // its outputs depend on shapes only: never run again
            return null;
        }
        steps.add(step);
        return step;
    }

    /** Float outputs get their place in the arena, others an array of their own; dead arrays are noted per op. */
    private void layOut(List<Planned> planned, ArrayLifetimes lifetimes, int ops, Step[] stepOfOp) {
        List<Planned> inArena = new ArrayList<>();
        List<ArenaLayout.Block> blocks = new ArrayList<>();
        for (Planned p : planned) {
            if (p.type() == DataType.FLOAT) {
                int last = lifetimes.lastRead(p.name());
                inArena.add(p);
                blocks.add(new ArenaLayout.Block(length(p.shape()), p.op(), Math.min(last, ops)));
            } else {
                bind(p, Nd4j.create(p.shape()));
                standalone.add(p.step().outputs[p.index()]);
            }
        }
        ArenaLayout layout = new ArenaLayout(blocks);
        arena = layout.size() == 0 ? null : Nd4j.createUninitialized(DataType.FLOAT, layout.size());
        for (int i = 0; i < inArena.size(); i++) {
            Planned p = inArena.get(i);
            long at = layout.offset(i);
            INDArray view = arena.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(at, at + length(p.shape())))
                    .reshape(p.shape().getOrder(), p.shape().getShape());
            bind(p, view);
            int last = blocks.get(i).last();
            if (last < ops && stepOfOp[last] != null) {
                stepOfOp[last].deadAfter.add(view);
            }
        }
        bytes = layout.size() * DataType.FLOAT.width() + standalone.stream().mapToLong(a -> a.length() * a.dataType().width()).sum();
        peakLiveBytes = layout.peakLive() * DataType.FLOAT.width();
    }

    private void bind(Planned p, INDArray array) {
        p.step().outputs[p.index()] = array;
        p.step().context.setOutputArray(p.index(), array);
        arrays.put(p.name(), array);
    }

    /** Runs the planned ops again on new placeholder values of the planned shapes. */
    void execute(Map<String, INDArray> placeholders) {
        execute(placeholders, false);
    }

    /** With {@code check}, every op's output shapes are inferred again from the real inputs and must be the planned. */
    private void execute(Map<String, INDArray> placeholders, boolean check) {
        Map<String, Long> opNanos = options.opNanos();
        for (Step step : steps) {
            INDArray[] args = resolve(step.inputs, placeholders);
            if (step.view != null) {
                arrays.put(step.view.output, step.view.of(args[0]));
            } else if (opNanos == null) {
                run(step, args, check);
            } else {
                long t0 = System.nanoTime();
                run(step, args, check);
                opNanos.merge(step.op.opName(), System.nanoTime() - t0, Long::sum);
            }
            if (options.poisonReleased()) {
                step.deadAfter.forEach(a -> a.assign(Float.NaN)); // a later read of a dead array shows
            }
        }
    }

    private static void requirePlannedShapes(Step step, INDArray[] args) {
        List<LongShapeDescriptor> shapes = outputShapes(step.op, step.context, args);
        for (int i = 0; i < step.outputs.length; i++) {
            if (!Arrays.equals(shapes.get(i).getShape(), step.outputs[i].shape())) {
                throw new IllegalStateException("op " + step.op.opName() + " (" + step.op.getOwnName() + ") gives shape "
                        + Arrays.toString(shapes.get(i).getShape()) + ", planned " + Arrays.toString(step.outputs[i].shape()));
            }
        }
    }

    private static List<LongShapeDescriptor> outputShapes(DifferentialFunction op, OpContext oc, INDArray[] args) {
        if (op instanceof DynamicCustomOp custom) {
            oc.setArgs(args, custom.iArgs(), custom.dArgs(), custom.tArgs(), custom.bArgs());
            return custom.calculateOutputShape(oc);
        }
        KernelCalls.setLegacyInputs(oc, args);
        return ((BaseOp) op).calculateOutputShape(oc);
    }

    private static void run(Step step, INDArray[] args, boolean check) {
        if (check) {
            requirePlannedShapes(step, args);
        }
        if (step.kernel != null && step.kernel.run(args, step.outputs)) {
            return;
        }
        if (step.op instanceof DynamicCustomOp) {
            step.context.setInputArrays(args);
        } else {
            KernelCalls.setLegacyInputs(step.context, args);
        }
        KernelCalls.exec(step.op, step.context);
    }

    Map<String, INDArray> results() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : outputs) {
            out.put(name, arrays.get(name));
        }
        return out;
    }

    /** Bytes of the arena and the arrays outside it. */
    long bytes() {
        return bytes;
    }

    /** The arena's floor: the largest total size of its arrays live at one time. */
    long peakLiveBytes() {
        return peakLiveBytes;
    }

    /** Frees the op contexts and the planned arrays now, not when the garbage collector gets to them. */
    void close() {
        for (Step step : steps) {
            if (step.context != null) {
                closeContext(step.context);
            }
        }
        standalone.forEach(INDArray::close);
        if (arena != null) {
            arena.close();
        }
    }

    private static void closeContext(OpContext oc) {
        try {
            oc.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long length(LongShapeDescriptor shape) {
        long n = 1;
        for (long d : shape.getShape()) {
            n *= d;
        }
        return n;
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

    /**
     * Arrays of the planned shapes whose values are never read, for shape inference only: views of one uninitialised
     * buffer per data type, which the operating system never backs with memory because nothing touches it.
     */
    private static final class StandIns implements AutoCloseable {
        private final Map<DataType, INDArray> buffers = new HashMap<>();
        private final List<INDArray> all = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        INDArray create(String name, DataType type, LongShapeDescriptor shape) {
            long length = length(shape);
            INDArray buffer = buffers.get(type);
            if (buffer == null || buffer.length() < length) {
                buffer = Nd4j.createUninitialized(type, Math.max(length, buffer == null ? 0 : 2 * buffer.length()));
                buffers.put(type, buffer);
                all.add(buffer);
            }
            names.add(name);
            return buffer.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, length)).reshape(shape.getOrder(), shape.getShape());
        }

        void mark(String name) {
            names.add(name);
        }

        boolean holds(String name) {
            return names.contains(name);
        }

        @Override
        public void close() {
            all.forEach(INDArray::close);
        }
    }
}
