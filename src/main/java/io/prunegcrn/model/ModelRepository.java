package io.prunegcrn.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.ResourceNotFoundException;
import io.prunegcrn.training.TrainingResult;

/**
 * Trained models under {@code models/{id}/}, one per succeeded job (same id). A model appears only once it
 * is complete on disk (written aside and renamed), so forecasts never read a model that is still training.
 * Loaded graphs are kept in memory.
 */
@Service
public class ModelRepository {

    static final String AREA = "models";
    /** The model shipped in the jar (src/main/resources/pretrained), made by the command in its model.json. */
    public static final String PRETRAINED_ID = "los-loop-g025";
    private static final String PRETRAINED = "/pretrained/" + PRETRAINED_ID + "/";
    private static final Logger log = LoggerFactory.getLogger(ModelRepository.class);

    private final DataDirectory dir;
    private final Map<String, ModelMetadata> metadata = new ConcurrentHashMap<>();
    private final Map<String, TrainedModel> loaded = new ConcurrentHashMap<>();

    public ModelRepository(DataDirectory dir, PruneGcrnProperties properties) {
        this.dir = dir;
        if (properties.pretrained().install() && dir.ids(AREA).isEmpty()) {
            installPretrained();
        }
        for (String id : dir.ids(AREA)) {
            try {
                metadata.put(id, ModelArchive.readMetadata(dir.resolve(AREA, id)));
            } catch (RuntimeException e) {
                log.warn("skipping unreadable model {}: {}", id, e.getMessage());
            }
        }
    }

    public TrainedModel save(String id, TrafficDataset dataset, TrainingResult result) {
        Path target = dir.resolve(AREA, id);
        ModelMetadata meta = ModelArchive.metadataOf(id, dataset, result);
        TrainedModel model = ModelArchive.save(target, meta, result);
        metadata.put(id, meta);
        loaded.put(id, model);
        return model;
    }

    /** The directory of a stored model, for files that belong to it (deleted with it). */
    public Path directory(String id) {
        metadata(id);
        return dir.resolve(AREA, id);
    }

    public List<ModelMetadata> list() {
        for (String id : dir.ids(AREA)) {
            if (!metadata.containsKey(id)) {
                discover(id);
            }
        }
        List<ModelMetadata> all = new ArrayList<>(metadata.values());
        all.sort(Comparator.comparing(ModelMetadata::createdAt).reversed());
        return all;
    }

    public ModelMetadata metadata(String id) {
        DataDirectory.requireValidId(id);
        ModelMetadata m = metadata.get(id);
        if (m == null) {
            m = discover(id);
        }
        if (m == null) {
            throw new ResourceNotFoundException("model", id);
        }
        return m;
    }

    /** The model's metadata, or empty when there is no such model (or the id is not valid). */
    public java.util.Optional<ModelMetadata> find(String id) {
        if (id == null || !DataDirectory.isValidId(id)) {
            return java.util.Optional.empty();
        }
        ModelMetadata m = metadata.get(id);
        return java.util.Optional.ofNullable(m != null ? m : discover(id));
    }

    /** The trained network arrays of a model, for a warm start. */
    public io.prunegcrn.network.ModelParameters parameters(String id) {
        metadata(id);
        return ModelArchive.loadParameters(dir.resolve(AREA, id));
    }

    /** A model written by a trainer outside this JVM (process or kubernetes runner) or by another replica. */
    private ModelMetadata discover(String id) {
        Path target = dir.resolve(AREA, id);
        if (!Files.exists(target.resolve(ModelArchive.METADATA))) {
            return null;
        }
        try {
            ModelMetadata m = ModelArchive.readMetadata(target);
            metadata.put(id, m);
            return m;
        } catch (RuntimeException e) {
            log.warn("skipping unreadable model {}: {}", id, e.getMessage());
            return null;
        }
    }

    public TrainedModel model(String id) {
        metadata(id);
        return loaded.computeIfAbsent(id, k -> ModelArchive.load(dir.resolve(AREA, k)));
    }

    /** Lets loaded models that have not forecast for {@code idle} drop their per-node weights; returns how many did. */
    public int releaseIdle(java.time.Duration idle) {
        int released = 0;
        for (TrainedModel m : loaded.values()) {
            if (m.releaseIfIdle(idle)) {
                released++;
            }
        }
        return released;
    }

    public void delete(String id) {
        metadata(id);
        metadata.remove(id);
        loaded.remove(id);
        DataDirectory.deleteRecursively(dir.resolve(AREA, id));
    }

    private void installPretrained() {
        List<String> files = List.of(ModelArchive.GRAPH, ModelArchive.METADATA);
        if (files.stream().anyMatch(f -> ModelRepository.class.getResource(PRETRAINED + f) == null)) {
            log.info("no pretrained model in this build; the model store starts empty");
            return;
        }
        try {
            DataDirectory.writeAtomically(dir.resolve(AREA, PRETRAINED_ID), tmp -> {
                Files.createDirectories(tmp);
                for (String file : List.of(ModelArchive.GRAPH, ModelArchive.METADATA, ModelArchive.LINEAR)) {
                    try (InputStream in = ModelRepository.class.getResourceAsStream(PRETRAINED + file)) {
                        if (in != null) { // the linear highway's weights: only a model trained with one has them
                            Files.copy(in, tmp.resolve(file));
                        }
                    }
                }
            });
            log.info("installed the pretrained model {}", PRETRAINED_ID);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the pretrained model", e);
        }
    }
}
