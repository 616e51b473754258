package io.prunegcrn.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prunegcrn.system.DataDirectory;

/**
 * Job records: {@code jobs/{id}/job.json} on disk, with an in-memory copy for reads. The disk is the truth: with an
 * external runner the trainer writes the record of a running job, and with several replicas any of them may have
 * written it, so {@link #reload} re-reads it.
 */
final class JobStore {

    static final String AREA = "jobs";
    private static final Logger log = LoggerFactory.getLogger(JobStore.class);

    private final DataDirectory dir;
    private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();

    JobStore(DataDirectory dir) {
        this.dir = dir;
    }

    DataDirectory dir() {
        return dir;
    }

    Map<String, TrainingJob> memory() {
        return jobs;
    }

    TrainingJob get(String id) {
        return jobs.get(id);
    }

    Collection<TrainingJob> all() {
        return jobs.values();
    }

    /**
     * Keeps a record in memory only: one read from disk, or a newer view (progress between epochs, the runner's state).
     * Changes of a job go through {@link JobTransitions}, which decides between this and {@link #save}.
     */
    void put(TrainingJob job) {
        jobs.put(job.id(), job);
    }

    void save(TrainingJob job) {
        jobs.put(job.id(), job);
        dir.writeJson(file(job.id()), job);
    }

    void forget(String id) {
        jobs.remove(id);
        DataDirectory.deleteRecursively(dir.resolve(AREA, id));
    }

    /** The record as it is on disk now (not cached); empty when there is none or it cannot be read. */
    Optional<TrainingJob> read(String id) {
        Path file = file(id);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(dir.readJson(file, TrainingJob.class));
        } catch (RuntimeException e) {
            log.warn("skipping unreadable job record {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Every job id on disk. */
    List<String> ids() {
        return dir.ids(AREA);
    }

    Path checkpoint(String id) {
        return dir.resolve(AREA, id).resolve("checkpoint.zip");
    }

    Path trainerLog(String id) {
        return dir.resolve(AREA, id).resolve("trainer.log");
    }

    /**
     * A cancel that a trainer in another process (or a replica that is not the leader) must see: a file beside the
     * record, so that no two processes write the record at once.
     */
    void requestCancel(String id) {
        try {
            Files.writeString(cancelMarker(id), "cancel\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot request cancellation of " + id, e);
        }
    }

    boolean cancelRequested(String id) {
        return Files.exists(cancelMarker(id));
    }

    private Path cancelMarker(String id) {
        return dir.resolve(AREA, id).resolve("cancel-requested");
    }

    private Path file(String id) {
        return dir.resolve(AREA, id).resolve("job.json");
    }
}
