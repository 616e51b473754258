package io.prunegcrn.model.backtest;

import java.util.ArrayList;
import java.util.List;

import io.prunegcrn.evaluation.MetricsAccumulator;

/**
 * One sensor's MAE and RMSE over a backtest's forecasts (all horizons), in data units.
 *
 * @param kept whether the model read this sensor
 */
public record SensorError(int index, String sensorId, boolean kept, double mae, double rmse) {

    /**
     * Every sensor's error from the errors a backtest summed ({@link BacktestService#runPerSensor}).
     *
     * @param reads 1 where the model read the sensor
     */
    static List<SensorError> of(MetricsAccumulator errors, List<String> sensorIds, float[] reads) {
        List<SensorError> out = new ArrayList<>(sensorIds.size());
        for (int i = 0; i < sensorIds.size(); i++) {
            out.add(new SensorError(i, sensorIds.get(i), reads[i] == 1f, errors.sensorMae(i), errors.sensorRmse(i)));
        }
        return out;
    }
}
