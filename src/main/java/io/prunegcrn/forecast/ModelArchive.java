package io.prunegcrn.forecast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.nd4j.autodiff.samediff.SameDiff;

import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.model.BinaryClampOp;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.model.PruneGcrnGraph;
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
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private ModelArchive() {
    }

    public static ModelMetadata metadataOf(String id, TrafficDataset dataset, TrainingResult r) {
        return new ModelMetadata(id, dataset.id(), Instant.now(), dataset.series().sensorIds(), r.shape(), r.config(),
                r.scale().mean(), r.scale().std(), r.mask(), r.rawMask(), r.budget(), r.bestEpoch(), r.bestValidationMae(),
                r.curve(), r.test(), r.trainingSeconds(), dataset.stepMinutes());
    }

    /** Writes the model to {@code dir} (which must not exist yet) and returns it loaded for forecasting. */
    public static TrainedModel save(Path dir, ModelMetadata metadata, TrainingResult result) {
        SameDiff graph = PruneGcrnGraph.build(result.shape(), result.parameters(), metadata.std());
        try {
            DataDirectory.writeAtomically(dir, tmp -> {
                Files.createDirectories(tmp);
                graph.save(tmp.resolve(GRAPH).toFile(), false);
                JSON.writeValue(tmp.resolve(METADATA).toFile(), metadata);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model to " + dir, e);
        }
        return new TrainedModel(metadata, graph);
    }

    public static TrainedModel load(Path dir) {
        BinaryClampOp.register();
        try {
            ModelMetadata metadata = JSON.readValue(dir.resolve(METADATA).toFile(), ModelMetadata.class);
            SameDiff graph = SameDiff.load(dir.resolve(GRAPH).toFile(), false);
            return new TrainedModel(metadata, graph);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load model from " + dir + ": " + e.getMessage(), e);
        }
    }

    public static ModelMetadata readMetadata(Path dir) {
        return JSON.readValue(dir.resolve(METADATA).toFile(), ModelMetadata.class);
    }
}
