package io.prunegcrn.backtest;

import java.util.ArrayList;
import java.util.List;

import io.prunegcrn.dataset.TrafficSeries;

/**
 * MAE and RMSE at each sensor over a backtest's forecasts (all horizons), in data units: a {@link BacktestService.Listener}
 * that compares each forecast with the readings that followed.
 */
public final class PerSensorErrors implements BacktestService.Listener {

    /** One sensor's error; {@code kept}: whether the model read this sensor. */
    public record SensorError(int index, String sensorId, boolean kept, double mae, double rmse) {
    }

    private final TrafficSeries series;
    private final double[] abs;
    private final double[] sq;
    private long forecasts;

    public PerSensorErrors(TrafficSeries series) {
        this.series = series;
        this.abs = new double[series.nodes()];
        this.sq = new double[series.nodes()];
    }

    @Override
    public void forecast(int step, float[][] forecast) {
        for (int h = 0; h < forecast.length; h++) {
            for (int i = 0; i < abs.length; i++) {
                double e = (double) forecast[h][i] - series.get(step + h, i);
                abs[i] += Math.abs(e);
                sq[i] += e * e;
            }
        }
        forecasts += forecast.length;
    }

    /** Per sensor, with whether the model read it ({@code reads[i]} = 1). */
    public List<SensorError> result(float[] reads) {
        List<SensorError> out = new ArrayList<>(abs.length);
        for (int i = 0; i < abs.length; i++) {
            out.add(new SensorError(i, series.sensorIds().get(i), reads[i] == 1f, abs[i] / forecasts, Math.sqrt(sq[i] / forecasts)));
        }
        return out;
    }
}
