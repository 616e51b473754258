package io.prunegcrn.forecast;

import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.model.PruneGcrnGraph;
import io.prunegcrn.model.StaticGraphRunner;

/**
 * A trained, immutable model ready to forecast. One forecast runs at a time per model: its graph runs through a
 * {@link StaticGraphRunner}, whose planned arrays are reused by every call.
 */
public final class TrainedModel {

    private final ModelMetadata metadata;
    private final StaticGraphRunner graph;
    private final float[][] embeddings;

    TrainedModel(ModelMetadata metadata, SameDiff graph) {
        this.metadata = metadata;
        this.graph = new StaticGraphRunner(graph, PruneGcrnGraph.FORECAST);
        this.embeddings = graph.getArrForVarName(PruneGcrnGraph.EMBEDDINGS).toFloatMatrix();
    }

    /** The learned node embeddings E {@code [N][d]} (a copy); the model's graph is softmax(relu(E·Eᵀ)). */
    public float[][] nodeEmbeddings() {
        float[][] copy = new float[embeddings.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = embeddings[i].clone();
        }
        return copy;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public String id() {
        return metadata.id();
    }

    /**
     * Forecasts every sensor from one window of readings.
     *
     * @param window readings in data units, {@code [lag][N]} (time, sensor); values of switched-off sensors are
     *               ignored by the model and may be anything finite
     * @return forecast in data units, {@code [horizon][N]}
     */
    public float[][] forecast(float[][] window) {
        int n = metadata.shape().nodes();
        int lag = metadata.shape().lag();
        if (window.length != lag) {
            throw new IllegalArgumentException("a window has " + lag + " steps, got " + window.length);
        }
        float[] x = new float[n * lag];
        for (int t = 0; t < lag; t++) {
            if (window[t].length != n) {
                throw new IllegalArgumentException("step " + t + " has " + window[t].length + " sensors, expected " + n);
            }
            for (int i = 0; i < n; i++) {
                x[i * lag + t] = (float) ((window[t][i] - metadata.mean()) / metadata.std());
            }
        }
        float[] f;
        synchronized (graph) {
            INDArray out = graph.run(Map.of(PruneGcrnGraph.X, Nd4j.create(x, new long[] {n, lag, 1, 1}, DataType.FLOAT)))
                    .get(PruneGcrnGraph.FORECAST);
            f = out.ravel().toFloatVector(); // N, 1, horizon; read before the next call reuses the array
        }
        int horizon = metadata.shape().horizon();
        float[][] result = new float[horizon][n];
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < horizon; h++) {
                result[h][i] = (float) (f[i * horizon + h] * metadata.std() + metadata.mean());
            }
        }
        return result;
    }

    /**
     * Forecasts a batch of normalised windows as {@link io.prunegcrn.dataset.SlidingWindows} builds them,
     * {@code x[N, lag, B, 1]}. Evaluation over many windows is far cheaper this way than window by window; the next
     * single-window forecast plans its arrays again.
     *
     * @return the normalised forecast {@code [N, B, horizon]}, flattened (a copy)
     */
    public float[] forecastNormalized(INDArray x) {
        synchronized (graph) {
            return graph.run(Map.of(PruneGcrnGraph.X, x)).get(PruneGcrnGraph.FORECAST).ravel().toFloatVector();
        }
    }
}
