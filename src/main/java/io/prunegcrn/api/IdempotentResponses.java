package io.prunegcrn.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.prunegcrn.system.DataDirectory;

/**
 * The first answers to requests sent with an {@code Idempotency-Key}, under {@code idempotency/{slot}/} of the data
 * directory (so every replica and a restarted service see them), kept for {@value #TTL_HOURS} hours. A slot's
 * directory is created before the request runs: whoever creates it runs the request, anyone else finds it in progress
 * or answered.
 */
class IdempotentResponses {

    static final String AREA = "idempotency";
    static final int TTL_HOURS = 24;
    private static final Duration TTL = Duration.ofHours(TTL_HOURS);
    /** A slot without an answer this old belongs to a request that died with its process: it may be taken again. */
    private static final Duration STALE_CLAIM = Duration.ofMinutes(15);
    private static final String RESPONSE = "response.json";

    /**
     * An answer as it was sent.
     *
     * @param fingerprint the request body's SHA-256, which a retry must match
     */
    record Stored(String fingerprint, int status, String location, String contentType, String body, Instant createdAt) {
    }

    private final DataDirectory dir;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.EPOCH);

    IdempotentResponses(DataDirectory dir) {
        this.dir = dir;
    }

    /** The stored answer of a slot, unless it has expired. */
    Optional<Stored> find(String slot) {
        Path file = dir.resolve(AREA, slot).resolve(RESPONSE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Stored stored = dir.readJson(file, Stored.class);
        if (stored.createdAt().plus(TTL).isBefore(Instant.now())) {
            release(slot);
            return Optional.empty();
        }
        return Optional.of(stored);
    }

    /** Takes the slot for a request about to run; false while another request holds it. */
    boolean claim(String slot) {
        sweepExpired();
        Path slotDir = dir.resolve(AREA, slot);
        try {
            Files.createDirectories(slotDir.getParent());
            Files.createDirectory(slotDir);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (!Files.exists(slotDir.resolve(RESPONSE)) && modifiedBefore(slotDir, Instant.now().minus(STALE_CLAIM))) {
                release(slot);
                return claim(slot);
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim idempotency slot " + slot, e);
        }
    }

    /** Keeps the answer of the request that holds the slot. */
    void complete(String slot, Stored stored) {
        dir.writeJson(dir.resolve(AREA, slot).resolve(RESPONSE), stored);
    }

    /** Frees a slot without an answer worth keeping (the request failed: a retry with the same key runs again). */
    void release(String slot) {
        DataDirectory.deleteRecursively(dir.resolve(AREA, slot));
    }

    /** At most once an hour: drops the answers older than the TTL. */
    private void sweepExpired() {
        Instant now = Instant.now();
        Instant last = lastSweep.get();
        if (last.plus(Duration.ofHours(1)).isAfter(now) || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        if (!Files.isDirectory(dir.root().resolve(AREA))) {
            return;
        }
        for (String slot : dir.ids(AREA)) {
            if (modifiedBefore(dir.resolve(AREA, slot), now.minus(TTL))) {
                release(slot);
            }
        }
    }

    private static boolean modifiedBefore(Path p, Instant when) {
        try {
            return Files.getLastModifiedTime(p).toInstant().isBefore(when);
        } catch (IOException e) {
            return false;
        }
    }
}
