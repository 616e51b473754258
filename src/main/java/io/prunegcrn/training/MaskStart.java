package io.prunegcrn.training;

import java.util.List;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.linear.RidgeRegression;

/**
 * Where a learned mask starts (setting {@code maskStart}): every raw value at 0.5, or a fixed selector's pick given a
 * head start, so that the mask refines a good set rather than searching from nothing. {@code best} takes the fixed
 * selector whose set the linear forecaster reads best on the validation split (a ridge fit each: seconds).
 */
final class MaskStart {

    static final String UNIFORM = "uniform";
    static final String BEST = "best";
    static final List<SelectionMethod> CANDIDATES = List.of(SelectionMethod.CORRELATION, SelectionMethod.QR,
            SelectionMethod.GREEDY, SelectionMethod.FORECAST_GREEDY);

    private MaskStart() {
    }

    static boolean isValid(String start) {
        if (UNIFORM.equals(start) || BEST.equals(start)) {
            return true;
        }
        try {
            SelectionMethod m = SelectionMethod.of(start);
            return m != SelectionMethod.PRUNEGCRN && m != SelectionMethod.FULL;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The raw values to start from, or null for the uniform start. */
    static float[] rawValues(String start, TrafficSeries series, ChronologicalSplit split, ZScore scale, SlidingWindows windows,
            int count, long seed, SensorConstraints constraints) {
        if (UNIFORM.equals(start)) {
            return null;
        }
        SelectionMethod method = BEST.equals(start) ? bestFixedSelector(series, split, scale, windows, count, seed, constraints)
                : SelectionMethod.of(start);
        return SensorSelector.startingFrom(BaselineSelection.of(method, series, split.trainEnd(), count, seed, constraints));
    }

    /** The fixed selector whose set gives the lowest validation MAE under the linear forecaster. */
    static SelectionMethod bestFixedSelector(TrafficSeries series, ChronologicalSplit split, ZScore scale,
            SlidingWindows windows, int count, long seed, SensorConstraints constraints) {
        SelectionMethod best = null;
        double bestMae = Double.POSITIVE_INFINITY;
        for (SelectionMethod m : CANDIDATES) {
            float[] mask = BaselineSelection.of(m, series, split.trainEnd(), count, seed, constraints);
            int[] kept = SensorMask.fromRaw(mask).kept().stream().mapToInt(Integer::intValue).toArray();
            double mae = RidgeRegression.fit(windows, split, scale.std(), kept).validationMae();
            if (mae < bestMae) {
                bestMae = mae;
                best = m;
            }
        }
        return best;
    }
}
