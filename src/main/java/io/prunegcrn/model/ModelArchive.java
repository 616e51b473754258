package io.prunegcrn.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.linear.LinearForecaster;
import io.prunegcrn.network.BinaryClampOp;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.PruneGcrnGraph;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.NamedArrays;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.TrainingResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained model on disk: one directory with {@code graph.sdz} (the SameDiff graph and its weights, the
 * binary clamp op included) and {@code model.json} ({@link ModelMetadata}). A model is written into a
 * temporary sibling directory and renamed into place, so a reader never sees half a model.
 */
public final class ModelArchive {

    static final String GRAPH = "graph.sdz";
    static final String METADATA = "model.json";
    /** The linear highway of a pruned network, or a linear model's whole parameters. */
    static final String LINEAR = "linear.zip";
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private ModelArchive() {
    }

    public static ModelMetadata metadataOf(String id, TrafficDataset dataset, TrainingResult r) {
        return new ModelMetadata(id, dataset.id(), Instant.now(), dataset.series().sensorIds(), r.shape(), r.config(),
                r.scale(), r.outcome(), dataset.stepMinutes());
    }

    /** Writes the model to {@code dir} (which must not exist yet) and returns it loaded for forecasting. */
    public static TrainedModel save(Path dir, ModelMetadata metadata, TrainingResult result) {
        boolean network = metadata.config().forecaster() == Forecaster.NETWORK;
        SameDiff graph = network ? PruneGcrnGraph.build(result.shape(), result.parameters(), metadata.scale().std()) : null;
        LinearForecaster linear = linearOf(result.parameters().asMap(), metadata);
        try {
            DataDirectory.writeAtomically(dir, tmp -> {
                Files.createDirectories(tmp);
                if (graph != null) {
                    graph.save(tmp.resolve(GRAPH).toFile(), false);
                }
                if (linear != null) {
                    NamedArrays.write(tmp.resolve(LINEAR), linear.toArrays());
                }
                JSON.writeValue(tmp.resolve(METADATA).toFile(), metadata);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model to " + dir, e);
        }
        return new TrainedModel(metadata, graph, linear);
    }

    public static TrainedModel load(Path dir) {
        BinaryClampOp.register();
        try {
            ModelMetadata metadata = JSON.readValue(dir.resolve(METADATA).toFile(), ModelMetadata.class);
            SameDiff graph = Files.exists(dir.resolve(GRAPH)) ? SameDiff.load(dir.resolve(GRAPH).toFile(), false) : null;
            LinearForecaster linear = Files.exists(dir.resolve(LINEAR))
                    ? linearOf(NamedArrays.read(dir.resolve(LINEAR)), metadata) : null;
            return new TrainedModel(metadata, graph, linear);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load model from " + dir + ": " + e.getMessage(), e);
        }
    }

    private static LinearForecaster linearOf(Map<String, INDArray> arrays, ModelMetadata m) {
        return LinearForecaster.fromArrays(arrays, m.shape().nodes(), m.shape().lag(), m.shape().horizon());
    }

    /**
     * The trained arrays of a saved network by parameter name (a warm start reads them).
     *
     * @throws IllegalArgumentException ("warmStart: ...") for a linear model, which has no network to start from
     */
    public static ModelParameters loadParameters(Path dir) {
        BinaryClampOp.register();
        if (!Files.exists(dir.resolve(GRAPH))) {
            throw new IllegalArgumentException("warmStart: " + dir.getFileName() + " is not a trained network");
        }
        SameDiff graph = SameDiff.load(dir.resolve(GRAPH).toFile(), false);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                arrays.put(v.name(), v.getArr().dup());
            }
        }
        return new ModelParameters(arrays);
    }

    public static ModelMetadata readMetadata(Path dir) {
        return JSON.readValue(dir.resolve(METADATA).toFile(), ModelMetadata.class);
    }
}
