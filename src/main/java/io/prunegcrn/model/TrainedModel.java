package io.prunegcrn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.prunegcrn.linear.LinearForecaster;
import io.prunegcrn.network.AdaptiveAdjacency;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.runtime.PerNodeForward;
import io.prunegcrn.system.ResourceConflictException;

/**
 * A trained, immutable model ready to forecast: a network, a network with a linear highway (the two forecasts
 * added), or a linear forecaster alone. The network's forecasts run through {@link PerNodeForward}, derived from the
 * graph's parameters: thread-safe. Its per-node weights (61 MB of native memory at N = 207) are formed on the first
 * forecast and freed by {@link #releaseIfIdle}, so a service with many models holds them only for those in use.
 *
 * <p>A model reads the sensors it was trained with; {@link #withSensors} gives the same model reading another set
 * (what-if sets, sensors that failed): the one seam every such question goes through.
 */
public final class TrainedModel {

    private final ModelMetadata metadata;
    /** The network's forward pass, or null for a linear model. */
    private final PerNodeForward forward;
    private final float[][] embeddings;
    /** The linear highway of a pruned network, the whole model of a linear one, or null. */
    private final LinearForecaster linear;
    /** 0/1 per sensor: the sensors this model reads. */
    private final float[] sensors;
    /** Shared with the views of {@link #withSensors}: a what-if in use keeps the weights formed. */
    private final AtomicLong lastUsedNanos;

    /**
     * @param graph  the network, or null for a linear model
     * @param linear the network's highway or the linear model, or null
     */
    TrainedModel(ModelMetadata metadata, SameDiff graph, LinearForecaster linear) {
        if (graph == null && linear == null) {
            throw new IllegalArgumentException("model " + metadata.id() + " has neither a network nor a linear map");
        }
        this.metadata = metadata;
        this.forward = graph == null ? null : PerNodeForward.of(metadata.shape(), graph); // copies what it needs
        this.embeddings = graph == null ? null : graph.getArrForVarName(ModelParameters.EMBEDDINGS).toFloatMatrix();
        this.linear = linear;
        this.sensors = forward != null ? forward.mask() : metadata.outcome().mask().clone();
        this.lastUsedNanos = new AtomicLong(System.nanoTime());
    }

    private TrainedModel(TrainedModel model, float[] sensors) {
        this.metadata = model.metadata;
        this.forward = model.forward;
        this.embeddings = model.embeddings;
        this.linear = model.linear;
        this.sensors = sensors;
        this.lastUsedNanos = model.lastUsedNanos;
    }

    /**
     * This model (same weights, same metadata) reading exactly the sensors of {@code mask} (1: read, 0: switched off).
     * The network reads a switched-off sensor as its learned graph bias, as in training; a linear map (the highway, or a
     * linear model) reads it as its training mean. Cheap: the weights are shared.
     */
    public TrainedModel withSensors(float[] mask) {
        int n = metadata.shape().nodes();
        if (mask.length != n) {
            throw new IllegalArgumentException("a sensor mask of this model has " + n + " values, got " + mask.length);
        }
        for (float m : mask) {
            if (m != 0f && m != 1f) {
                throw new IllegalArgumentException("a sensor mask holds 0 or 1, got " + m);
            }
        }
        return new TrainedModel(this, mask.clone());
    }

    /** 0/1 per sensor: the sensors this model reads (its own retained set unless made by {@link #withSensors}). */
    public float[] sensors() {
        return sensors.clone();
    }

    /**
     * The learned adjacency A = softmax(relu(E·Eᵀ)) {@code [N][N]}, row-normalised, as the network reads it.
     *
     * @throws ResourceConflictException for a linear model, which has no graph
     */
    public float[][] learnedAdjacency() {
        if (embeddings == null) {
            throw new ResourceConflictException("model " + id() + " is a linear forecaster: it has no learned graph");
        }
        return AdaptiveAdjacency.of(Nd4j.create(embeddings)).toFloatMatrix();
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
     * @param window readings in data units, {@code [lag][N]} (time, sensor); values of sensors this model does not
     *               read are ignored and may be anything
     * @return forecast in data units, {@code [horizon][N]}
     */
    public float[][] forecast(float[][] window) {
        return forecast(List.<float[][]>of(window)).get(0);
    }

    /** Drops the per-node weights when no forecast ran for {@code idle}; the next forecast forms them again. */
    public boolean releaseIfIdle(java.time.Duration idle) {
        if (forward != null && forward.heldBytes() > 0 && System.nanoTime() - lastUsedNanos.get() >= idle.toNanos()) {
            forward.release();
            return true;
        }
        return false;
    }

    /**
     * Runs a pass that visits this model once among many (a sweep's backtest) and frees the per-node weights after it
     * when the pass formed them, so that such a caller holds one model's at a time; weights that forecasts formed stay.
     */
    public <T> T visitOnce(java.util.function.Supplier<T> pass) {
        boolean formedHere = heldBytes() == 0;
        try {
            return pass.get();
        } finally {
            if (formedHere) {
                releaseIfIdle(java.time.Duration.ZERO);
            }
        }
    }

    /** Bytes of per-node weights held now. */
    public long heldBytes() {
        return forward == null ? 0 : forward.heldBytes();
    }

    /** Forecasts several windows in one pass; each as {@link #forecast(float[][])}. */
    public List<float[][]> forecast(List<float[][]> windows) {
        lastUsedNanos.set(System.nanoTime());
        int n = metadata.shape().nodes();
        int lag = metadata.shape().lag();
        int batch = windows.size();
        float[] x = new float[n * lag * batch]; // N, T, B, 1 as the graph takes it
        for (int b = 0; b < batch; b++) {
            float[][] window = windows.get(b);
            if (window.length != lag) {
                throw new IllegalArgumentException("a window has " + lag + " steps, got " + window.length);
            }
            for (int t = 0; t < lag; t++) {
                if (window[t].length != n) {
                    throw new IllegalArgumentException("step " + t + " has " + window[t].length + " sensors, expected " + n);
                }
                for (int i = 0; i < n; i++) {
                    x[(i * lag + t) * batch + b] = (float) ((window[t][i] - metadata.scale().mean()) / metadata.scale().std());
                }
            }
        }
        INDArray in = Nd4j.create(x, new long[] {n, lag, batch, 1}, DataType.FLOAT);
        List<float[][]> result = forecast(in);
        in.close();
        return result;
    }

    /**
     * Forecasts a batch of normalised windows as {@link ModelMetadata#windows} cuts them, {@code x[N, lag, B, 1]}; each as
     * {@link #forecast(float[][])}.
     */
    public List<float[][]> forecast(INDArray x) {
        int n = metadata.shape().nodes();
        if (x.size(0) != n) {
            throw new IllegalArgumentException("windows have " + x.size(0) + " sensors, expected " + n);
        }
        int batch = (int) x.size(2);
        float[] f = forecastNormalized(x); // N, B, horizon
        int horizon = metadata.shape().horizon();
        List<float[][]> result = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            float[][] r = new float[horizon][n];
            for (int i = 0; i < n; i++) {
                for (int h = 0; h < horizon; h++) {
                    r[h][i] = (float) (f[(i * batch + b) * horizon + h] * metadata.scale().std() + metadata.scale().mean());
                }
            }
            result.add(r);
        }
        return result;
    }

    /** The normalised forecast {@code [N, B, horizon]}, flattened, of normalised windows {@code x[N, lag, B, 1]}. */
    private float[] forecastNormalized(INDArray x) {
        lastUsedNanos.set(System.nanoTime());
        float[] f = null;
        if (forward != null) {
            INDArray out = forward.forecast(x, sensors);
            f = out.data().asFloat();
            out.close();
        }
        if (linear != null) {
            float[] l = linear.forecastNormalized(unreadAtTheMean(x), (int) x.size(2));
            if (f == null) {
                return l;
            }
            for (int i = 0; i < f.length; i++) {
                f[i] += l[i];
            }
        }
        return f;
    }

    /** The windows {@code [N, lag, B]} as the linear map reads them: a sensor this model does not read at its mean (0). */
    private float[] unreadAtTheMean(INDArray x) {
        float[] v = x.dup('c').data().asFloat();
        int perSensor = v.length / sensors.length;
        for (int i = 0; i < sensors.length; i++) {
            if (sensors[i] == 0f) {
                java.util.Arrays.fill(v, i * perSensor, (i + 1) * perSensor, 0f);
            }
        }
        return v;
    }
}
