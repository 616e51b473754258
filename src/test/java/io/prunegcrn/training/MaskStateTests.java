package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.network.BinaryClampOp;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.network.PruneGcrnGraph;

/**
 * The mask side of a run on its own: phases and pruning progress, the mask the clamp reads while the mask learns and
 * once frozen, what a step may change in each phase (on a tiny graph), and what a checkpoint carries.
 */
class MaskStateTests {

    private static final int N = 8;
    /** ⌈0.25 · 8⌉ = 2 sensors allowed; a learning mask starts from N/2 = 4 on. */
    private static final SensorBudget BUDGET = new SensorBudget(N, 0.25);
    private static final float[] START = {0.9f, 0.1f, 0.8f, 0.2f, 0.7f, 0.3f, 0.6f, 0.4f};
    /** The tiny network of the step tests: 2 hidden units, 4 steps in, 3 out. */
    private static final NetworkShape SHAPE = new NetworkShape(N, 1, 2, 1, 2, 2, 4, 3);

    /** Stands for the graph's raw-mask variable in the tests without a graph. */
    private final INDArray raw = Nd4j.zeros(DataType.FLOAT, N);

    private MaskState learned(float[] start, MaskSchedule schedule) {
        return MaskState.learned(new SensorSelector(N, BUDGET.allowed(), 3L, SensorConstraints.NONE, start), schedule, BUDGET,
                () -> raw, start);
    }

    @Test
    void aLearnedMaskStartsFromItsStartValuesOrFromOneHalfAndIsNotFrozen() {
        MaskState m = learned(START, new MaskSchedule(1, 2));
        assertThat(raw.toFloatVector()).containsExactly(START);
        assertThat(m.learned()).isTrue();
        assertThat(m.frozen()).isFalse();
        assertThat(m.saved().frozenMask()).isNull();

        learned(null, new MaskSchedule(1, 2));
        assertThat(raw.toFloatVector()).containsOnly(0.5f);
    }

    @Test
    void phasesFollowTheScheduleAndAFixedMaskIsFineTunedThroughout() {
        MaskState m = learned(START, new MaskSchedule(1, 2));
        assertThat(List.of(m.phase(0), m.phase(1), m.phase(2), m.phase(3), m.phase(9))).containsExactly(TrainingPhase.WARMUP,
                TrainingPhase.PRUNING, TrainingPhase.PRUNING, TrainingPhase.FINE_TUNING, TrainingPhase.FINE_TUNING);

        MaskState fixed = MaskState.fixed(new float[] {1, 1, 0, 0, 0, 0, 0, 0}, BUDGET, () -> raw);
        assertThat(List.of(fixed.phase(0), fixed.phase(1), fixed.phase(5))).containsOnly(TrainingPhase.FINE_TUNING);
    }

    @Test
    void pruningProgressRunsFromZeroToOneOverThePruningBatchesAndIsMinusOneInWarmUp() {
        MaskState m = learned(START, new MaskSchedule(1, 2));
        int batches = 4;
        assertThat(m.pruningProgress(0, 3, batches)).isEqualTo(-1);
        assertThat(m.pruningProgress(1, 0, batches)).isEqualTo(0);
        assertThat(m.pruningProgress(1, 2, batches)).isEqualTo(0.25);
        assertThat(m.pruningProgress(2, 2, batches)).isEqualTo(0.75);
        assertThat(m.pruningProgress(2, 4, batches)).isEqualTo(1);
        assertThat(m.pruningProgress(4, 1, batches)).as("fine-tuning stays at the end").isEqualTo(1);

        MaskState fixed = MaskState.fixed(new float[] {1, 1, 0, 0, 0, 0, 0, 0}, BUDGET, () -> raw);
        assertThat(fixed.pruningProgress(0, 1, batches)).isEqualTo(-1);
    }

    @Test
    void whileItLearnsTheMaskIsTheLargestRawValuesNowFromHalfTheSensorsDownToTheBudget() {
        MaskState m = learned(START, new MaskSchedule(1, 2));

        m.at(-1);
        assertThat(m.current()).as("warm-up: N/2 on").containsExactly(1, 0, 1, 0, 1, 0, 1, 0);
        m.at(1);
        assertThat(m.current()).as("end of pruning: the budget").containsExactly(1, 0, 1, 0, 0, 0, 0, 0);

        raw.assign(Nd4j.createFromArray(0.1f, 0.9f, 0.2f, 0.8f, 0.3f, 0.7f, 0.4f, 0.6f)); // what the steps learned since
        assertThat(m.current()).as("read from the raw values as they are now").containsExactly(0, 1, 0, 1, 0, 0, 0, 0);
        assertThat(m.finalRaw()).as("not frozen: the graph's raw values").containsExactly(raw.toFloatVector());
    }

    @Test
    void freezingALearnedMaskKeepsTheSelectorsAverageNotTheLastBatchAndHoldsItWhateverTheProgress() {
        MaskState m = learned(START, new MaskSchedule(1, 2));
        raw.assign(Nd4j.createFromArray(0.1f, 0.9f, 0.2f, 0.8f, 0.3f, 0.7f, 0.4f, 0.6f)); // the last batch's raw values

        m.freeze();

        float[] expected = {1, 0, 1, 0, 0, 0, 0, 0}; // the two largest averages (no step yet: the start values)
        assertThat(m.frozen()).isTrue();
        assertThat(m.saved().frozenMask()).containsExactly(expected);
        assertThat(raw.toFloatVector()).as("the graph reads the frozen 0/1 mask").containsExactly(expected);
        m.at(-1);
        assertThat(m.current()).containsExactly(expected);
        assertThat(m.finalRaw()).as("the kept sensors are ranked by the averages they were chosen on").containsExactly(START);
        assertThat(m.saved().learnedRaw()).containsExactly(START);
    }

    @Test
    void theEvaluationOffsetMakesTheClampReadTheCurrentMaskInEverySample() {
        MaskState m = learned(START, new MaskSchedule(1, 2));
        m.at(0.3);
        float[] current = m.current();
        assertThat(SensorMask.keptCount(current)).as("between N/2 and the budget").isEqualTo(3);

        INDArray offset = m.evaluationOffset(5);

        assertThat(offset.shape()).containsExactly(N, 5);
        for (int i = 0; i < N; i++) {
            for (int b = 0; b < 5; b++) {
                assertThat(BinaryClampOp.clamp(START[i] + offset.getFloat(i, b))).as("sensor %d, sample %d", i, b)
                        .isEqualTo(current[i]);
            }
        }
    }

    @Test
    void aFixedMaskIsFrozenFromTheStartAndHasNoSelectorState() {
        float[] mask = {0, 1, 0, 1, 0, 0, 0, 0};
        MaskState m = MaskState.fixed(mask, BUDGET, () -> raw);

        assertThat(raw.toFloatVector()).containsExactly(mask);
        assertThat(m.learned()).isFalse();
        assertThat(m.frozen()).isTrue();
        assertThat(m.current()).containsExactly(mask);
        assertThat(m.saved().frozenMask()).containsExactly(mask);
        assertThat(m.evaluationOffset(4)).as("the plain graph reads the raw mask itself").isNull();
        assertThat(m.saved().selectorState()).isNull();
        assertThat(m.diagnostics().selectionDelta()).hasSize(N).containsOnly(0.0);
        assertThat(m.diagnostics().pruningRawAverage()).hasSize(N).containsOnly(0.0);
    }

    @Test
    void freezingAMaskWithoutSelectorKeepsTheLargestRawValuesWithTiesToTheSmallestGradientSum() {
        float[] all = {1, 1, 1, 1, 1, 1, 1, 1};
        MaskState m = MaskState.fixed(all, BUDGET, () -> raw);
        double[] gradientSum = {0.3, -0.2, 0.1, 0.4, -0.5, 0.2, 0.0, 0.6};
        m.restore(state(all, null, gradientSum, null));

        m.freeze();

        assertThat(m.saved().frozenMask()).as("dropping 4 or 1 costs most to first order").containsExactly(0, 1, 0, 0, 1, 0, 0, 0);
        assertThat(m.saved().learnedRaw()).containsExactly(all);
    }

    @Test
    void aCheckpointedMaskResumesAsItWasLearningOrFrozen() {
        MaskState original = learned(START, new MaskSchedule(1, 2));
        MaskState.Saved learning = state(null, null, original.diagnostics().gradientSum(), original.saved().selectorState());
        original.freeze();
        MaskState.Saved frozen = state(original.saved().frozenMask(), original.saved().learnedRaw(), original.diagnostics().gradientSum(),
                original.saved().selectorState());

        // a resumed trainer builds a fresh run (its own start) and restores the checkpoint into it
        MaskState resumedLearning = learned(null, new MaskSchedule(1, 2));
        resumedLearning.restore(learning);
        assertThat(resumedLearning.frozen()).isFalse();
        resumedLearning.freeze();
        assertThat(resumedLearning.saved().frozenMask()).as("chosen on the averages the checkpoint carried")
                .containsExactly(original.saved().frozenMask());

        MaskState resumedFrozen = learned(null, new MaskSchedule(1, 2));
        resumedFrozen.restore(frozen);
        raw.assign(Nd4j.createFromArray(original.saved().frozenMask())); // the checkpoint's parameters hold the raw mask
        assertThat(resumedFrozen.frozen()).isTrue();
        resumedFrozen.at(-1);
        assertThat(resumedFrozen.current()).as("the frozen mask, not the top N/2 raw values").containsExactly(original.saved().frozenMask());
        assertThat(resumedFrozen.finalRaw()).containsExactly(START);
        assertThat(resumedFrozen.saved().selectorState()).containsExactly(original.saved().selectorState());
    }

    private static MaskState.Saved state(float[] frozen, float[] learnedRaw, double[] gradientSum, double[] selector) {
        return new MaskState.Saved(frozen, learnedRaw, gradientSum, selector);
    }

    // ---- steps on a tiny graph: what each phase lets the mask learn

    @Test
    void warmUpSumsTheMaskGradientOnlyPruningMovesTheRawMaskAndFineTuningChangesNeither() {
        SameDiff sd = PruneGcrnGraph.build(SHAPE, ModelParameters.initial(SHAPE, 5), 1.0, true);
        GradientStep stepper = new GradientStep(sd, ModelParameters.initial(SHAPE, 5).asMap().keySet(), 0.01, 0.05);
        INDArray graphRaw = sd.getArrForVarName(ModelParameters.RAW_MASK);
        MaskState m = MaskState.learned(new SensorSelector(N, BUDGET.allowed(), 3L), new MaskSchedule(1, 1), BUDGET,
                () -> sd.getArrForVarName(ModelParameters.RAW_MASK), null);
        SlidingWindows.Batch batch = batch(new Random(7), 6);

        m.step(stepper, batch, BUDGET.gamma(), TrainingPhase.WARMUP, -1, 0, 0);
        assertThat(graphRaw.toFloatVector()).as("warm-up: the mask does not learn").containsOnly(0.5f);
        assertThat(Arrays.stream(m.diagnostics().gradientSum()).anyMatch(g -> g != 0)).as("but its gradient is summed").isTrue();
        assertThat(m.diagnostics().pruningRawAverage()).containsOnly(0.0);

        m.step(stepper, batch, BUDGET.gamma(), TrainingPhase.PRUNING, 0.5, 1, 0);
        float[] afterFirst = graphRaw.toFloatVector();
        m.step(stepper, batch, BUDGET.gamma(), TrainingPhase.PRUNING, 1.0, 1, 1);
        float[] afterSecond = graphRaw.toFloatVector();
        float moved = 0;
        for (float r : afterFirst) {
            moved = Math.max(moved, Math.abs(r - 0.5f));
        }
        assertThat(moved).as("pruning: the raw mask learns").isGreaterThan(1e-3f);
        double[] average = m.diagnostics().pruningRawAverage();
        for (int i = 0; i < N; i++) {
            assertThat(afterSecond[i]).as("clamped to [0, 1]").isBetween(0f, 1f);
            assertThat(average[i]).as("the average over the pruning batches").isCloseTo((afterFirst[i] + afterSecond[i]) / 2.0,
                    within(1e-6));
        }

        m.freeze();
        float[] frozen = graphRaw.toFloatVector();
        double[] sum = m.diagnostics().gradientSum();
        m.step(stepper, batch, BUDGET.gamma(), TrainingPhase.FINE_TUNING, 1.0, 2, 0);
        assertThat(graphRaw.toFloatVector()).as("fine-tuning: the frozen mask stays").containsExactly(frozen);
        assertThat(m.diagnostics().gradientSum()).containsExactly(sum);
        assertThat(m.diagnostics().pruningRawAverage()).containsExactly(average);
    }

    @Test
    void aFixedMaskNeverLearnsNorSumsItsGradient() {
        SameDiff sd = PruneGcrnGraph.build(SHAPE, ModelParameters.initial(SHAPE, 5), 1.0);
        GradientStep stepper = new GradientStep(sd, ModelParameters.initial(SHAPE, 5).asMap().keySet(), 0.01, 0.05);
        INDArray graphRaw = sd.getArrForVarName(ModelParameters.RAW_MASK);
        float[] mask = {1, 0, 0, 1, 0, 0, 0, 0};
        MaskState m = MaskState.fixed(mask, BUDGET, () -> sd.getArrForVarName(ModelParameters.RAW_MASK));

        double loss = m.step(stepper, batch(new Random(8), 6), BUDGET.gamma(), m.phase(0), -1, 0, 0);

        assertThat(loss).isPositive();
        assertThat(graphRaw.toFloatVector()).containsExactly(mask);
        assertThat(m.diagnostics().gradientSum()).containsOnly(0.0);
    }

    private static SlidingWindows.Batch batch(Random rnd, int samples) {
        return new SlidingWindows.Batch(gaussian(rnd, N, SHAPE.lag(), samples, 1), gaussian(rnd, N, samples, SHAPE.horizon()), samples);
    }

    private static INDArray gaussian(Random rnd, long... shape) {
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        float[] v = new float[(int) count];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return Nd4j.create(v, shape, 'c');
    }
}
