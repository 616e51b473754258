package io.prunegcrn.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.NamedArrays;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a run's checkpoint in one zip file ({@code state.json} plus one entry per array), written to a
 * temporary file and renamed over the previous one, so a crash at any moment leaves a whole checkpoint.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STATE = "state.json";

    private final Path file;

    public FileCheckpointStore(Path file) {
        this.file = file;
    }

    @Override
    public Optional<TrainingCheckpoint> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        TrainingCheckpoint.State state = null;
        Map<String, INDArray> params = new LinkedHashMap<>();
        Map<String, INDArray> moments = new LinkedHashMap<>();
        Map<String, INDArray> best = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (name.equals(STATE)) {
                    state = JSON.readValue(NamedArrays.nonClosing(zip), TrainingCheckpoint.State.class);
                } else {
                    INDArray a = NamedArrays.readEntry(zip);
                    String key = name.substring(name.indexOf('/') + 1);
                    (name.startsWith("params/") ? params : name.startsWith("adam/") ? moments : best).put(key, a);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
        if (state == null) {
            throw new IllegalStateException("checkpoint " + file + " has no state");
        }
        return Optional.of(new TrainingCheckpoint(state, params, moments, best.isEmpty() ? null : best));
    }

    @Override
    public void save(TrainingCheckpoint c) {
        try {
            DataDirectory.writeAtomically(file, tmp -> {
                try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                    zip.setLevel(1);
                    zip.putNextEntry(new ZipEntry(STATE));
                    JSON.writeValue(NamedArrays.nonClosing(zip), c.state());
                    zip.closeEntry();
                    NamedArrays.writeEntries(zip, "params/", c.parameters());
                    NamedArrays.writeEntries(zip, "adam/", c.optimizerState());
                    if (c.best() != null) {
                        NamedArrays.writeEntries(zip, "best/", c.best());
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
