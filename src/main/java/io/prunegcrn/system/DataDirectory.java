package io.prunegcrn.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import io.prunegcrn.config.PruneGcrnProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one directory that holds all state ({@code prunegcrn.data-dir}): {@code datasets/}, {@code jobs/},
 * {@code models/}, {@code sweeps/}. Every id that becomes a path is checked against {@link #ID} first, so no
 * request can reach outside it, and every file is written to a temporary name and renamed into place.
 */
@Component
public class DataDirectory {

    /** Lower-case letters, digits, '-', '_' and '.', starting with a letter or digit, at most 64. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final Path root;
    private final JsonMapper json;

    public DataDirectory(PruneGcrnProperties properties, JsonMapper json) {
        this.root = properties.dataDir().toAbsolutePath().normalize();
        this.json = json;
        for (String area : List.of("datasets", "jobs", "models", "sweeps")) {
            try {
                Files.createDirectories(root.resolve(area));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data directory " + root.resolve(area), e);
            }
        }
    }

    public Path root() {
        return root;
    }

    /** {@code root/area/id}, after checking the id. */
    public Path resolve(String area, String id) {
        requireValidId(id);
        Path p = root.resolve(area).resolve(id).normalize();
        if (!p.getParent().equals(root.resolve(area))) {
            throw new IllegalArgumentException("invalid id: " + id);
        }
        return p;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches() && !id.contains("..");
    }

    public static void requireValidId(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("invalid id '" + (id == null ? "" : id.length() > 70 ? id.substring(0, 70) + "..." : id)
                    + "': use 1-64 lower-case letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
    }

    /** The ids in an area (directories only, temporary ones skipped), sorted. */
    public List<String> ids(String area) {
        try (Stream<Path> list = Files.list(root.resolve(area))) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> ID.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeJson(Path file, Object value) {
        try {
            writeAtomically(file, tmp -> json.writeValue(tmp.toFile(), value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes a file or a directory at a given temporary path. */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    /**
     * Writes {@code target} (a file or a whole directory) under a temporary name beside it, then renames it into place,
     * so that a reader, or a restart after a crash, sees the old version or the complete new one, never a part. The
     * temporary is removed when writing fails; temporary names start with a dot, which {@link #ids} skips.
     */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + System.nanoTime());
        try {
            writer.write(tmp);
            moveAtomically(tmp, target);
        } catch (IOException | RuntimeException e) {
            try {
                deleteRecursively(tmp);
            } catch (UncheckedIOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    public <T> T readJson(Path file, Class<T> type) {
        return json.readValue(file.toFile(), type);
    }

    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
