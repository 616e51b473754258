package io.prunegcrn.training;

import static io.prunegcrn.network.NetworkShape.HORIZON;
import static io.prunegcrn.network.NetworkShape.LAG;

import java.util.List;

import io.prunegcrn.dataset.ChronologicalSplit;
import io.prunegcrn.dataset.SlidingWindows;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.linear.LinearForecaster;
import io.prunegcrn.linear.RidgeRegression;
import io.prunegcrn.network.ModelParameters;

/**
 * A run of the linear forecaster: the method's fixed selection, a ridge fit on it (λ on the validation split), test
 * metrics. Its parameters are the linear map's arrays, under the names a network's highway uses.
 */
final class LinearTraining {

    private LinearTraining() {
    }

    static TrainingResult train(TrafficDataset dataset, TrainingConfig config) {
        long started = System.nanoTime();
        var series = dataset.series();
        ChronologicalSplit split = ChronologicalSplit.of(series.steps()).requireWindows(dataset.id(), LAG, HORIZON);
        ZScore scale = ZScore.fit(series, split.trainEnd());
        SlidingWindows windows = new SlidingWindows(series, scale, LAG, HORIZON);
        SensorBudget budget = new SensorBudget(series.nodes(), config.gamma());
        float[] mask = BaselineSelection.of(config.method(), series, split.trainEnd(), budget.allowed(), config.seed(),
                config.constraintsOn(series.sensorIds()));
        int[] kept = SensorMask.fromRaw(mask).kept().stream().mapToInt(Integer::intValue).toArray();
        RidgeRegression.Fit fit = RidgeRegression.fit(windows, split, scale.std(), kept);
        ForecastMetrics test = test(fit.forecaster(), windows, split, scale);
        int n = series.nodes();
        return new TrainingResult(PruneGcrnTrainer.shapeFor(n, config), config, scale, new ModelParameters(fit.forecaster().toArrays()),
                new TrainingOutcome(mask, mask.clone(), budget.allowed(), 0, fit.validationMae(), List.of(), test,
                        (System.nanoTime() - started) / 1e9), MaskDiagnostics.none(n));
    }

    /** MAE, RMSE and MAPE per horizon over the test windows. */
    static ForecastMetrics test(LinearForecaster f, SlidingWindows windows, ChronologicalSplit split, ZScore scale) {
        return ForecastEvaluation.test(windows, split, scale, b -> f.forecastNormalized(b.x().data().asFloat(), b.size()));
    }
}
