package io.prunegcrn.dataset;

/** One scalar mean and standard deviation, fitted on the training part only (AGCRN's StandardScaler). */
public record ZScore(double mean, double std) {

    public static ZScore fit(TrafficSeries series, int trainEnd) {
        float[] v = series.values();
        int count = trainEnd * series.nodes();
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += v[i];
        }
        double mean = sum / count;
        double sq = 0;
        for (int i = 0; i < count; i++) {
            double d = v[i] - mean;
            sq += d * d;
        }
        double std = Math.sqrt(sq / count);
        return new ZScore(mean, std > 0 ? std : 1.0);
    }

    public float normalize(float value) {
        return (float) ((value - mean) / std);
    }

    public float denormalize(float value) {
        return (float) (value * std + mean);
    }
}
