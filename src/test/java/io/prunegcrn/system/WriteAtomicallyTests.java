package io.prunegcrn.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAtomicallyTests {

    @TempDir
    Path root;

    @Test
    void aDirectoryAppearsWholeAndReplacesNothingHalfWritten() throws IOException {
        Path target = root.resolve("models/m1");

        DataDirectory.writeAtomically(target, tmp -> {
            Files.createDirectories(tmp);
            Files.writeString(tmp.resolve("a.json"), "{}");
            Files.writeString(tmp.resolve("b.bin"), "x");
        });

        assertThat(target.resolve("a.json")).hasContent("{}");
        assertThat(target.resolve("b.bin")).hasContent("x");
        assertThat(siblings()).containsExactly("m1");
    }

    @Test
    void aFailedWriteLeavesNeitherTheTargetNorItsTemporary() throws IOException {
        Path target = root.resolve("models/m2");

        assertThatThrownBy(() -> DataDirectory.writeAtomically(target, tmp -> {
            Files.createDirectories(tmp);
            Files.writeString(tmp.resolve("a.json"), "{");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(target).doesNotExist();
        assertThat(siblings()).isEmpty();
    }

    @Test
    void aFileIsReplacedByItsNewVersion() throws IOException {
        Path file = root.resolve("jobs/j1/job.json");
        DataDirectory.writeAtomically(file, tmp -> Files.writeString(tmp, "old"));

        DataDirectory.writeAtomically(file, tmp -> Files.writeString(tmp, "new"));

        assertThat(file).hasContent("new");
        try (Stream<Path> list = Files.list(file.getParent())) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("job.json");
        }
    }

    private java.util.List<String> siblings() throws IOException {
        try (Stream<Path> list = Files.list(root.resolve("models"))) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
