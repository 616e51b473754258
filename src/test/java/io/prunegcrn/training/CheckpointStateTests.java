package io.prunegcrn.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The checkpoint's state.json stays one flat object, as earlier versions wrote it: their checkpoints resume. */
class CheckpointStateTests {

    /** A state as the version before this one wrote it, with "hasBest", which is now told by the best/ entries. */
    private static final String EARLIER = """
            {"nextEpoch":2,"nextBatch":3,"partialLoss":1.25,"epochStartMask":[1.0,0.0,1.0],"optimizerSteps":{"w":7},
             "bestValidationMae":0.75,"bestEpoch":2,"epochsWithoutImprovement":1,
             "history":[{"epoch":1,"phase":"WARMUP","trainLoss":0.5,"validationMae":0.8,"sensorsKept":2,"maskFlips":1,
                         "withinBudget":false,"seconds":1.5}],
             "frozenMask":[1.0,0.0,1.0],"learnedRaw":[0.75,0.25,0.5],"maskGradientSum":[-1.5,0.5,-0.25],
             "selectorState":[0.5,0.25,0.125],"hasBest":true}
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void anEarlierStateLoadsIntoItsPartsAndIsWrittenBackAsItWas() throws IOException {
        Path file = dir.resolve("checkpoint.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("state.json"));
            zip.write(EARLIER.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        FileCheckpointStore store = new FileCheckpointStore(file);

        TrainingCheckpoint loaded = store.load().orElseThrow();
        TrainingCheckpoint.State state = loaded.state();
        assertThat(state.nextBatch()).isEqualTo(3);
        assertThat(state.best()).isEqualTo(new BestEpoch.Saved(0.75, 2, 1));
        assertThat(state.mask().frozenMask()).containsExactly(1f, 0f, 1f);
        assertThat(state.mask().maskGradientSum()).containsExactly(-1.5, 0.5, -0.25);
        assertThat(state.mask().selectorState()).containsExactly(0.5, 0.25, 0.125);
        assertThat(state.history()).containsExactly(new EpochRecord(1, TrainingPhase.WARMUP, 0.5, 0.8, 2, 1, false, 1.5));

        store.save(new TrainingCheckpoint(state, Map.of(), Map.of(), null));
        ObjectNode earlier = (ObjectNode) JSON.readTree(EARLIER);
        earlier.remove("hasBest");
        assertThat(writtenState(file)).isEqualTo(earlier);
    }

    @Test
    void aStateBeforeAnyBestEpochKeepsItsNulls() throws IOException {
        Path file = dir.resolve("checkpoint.zip");
        FileCheckpointStore store = new FileCheckpointStore(file);
        TrainingCheckpoint.State state = new TrainingCheckpoint.State(0, 0, 0, null, Map.of(), new BestEpoch.Saved(null, 0, 0),
                java.util.List.of(), new MaskState.Saved(null, null, new double[] { 0.5 }, null));

        store.save(new TrainingCheckpoint(state, Map.of(), Map.of(), null));

        JsonNode written = writtenState(file);
        assertThat(written.get("bestValidationMae").isNull()).isTrue();
        assertThat(written.get("frozenMask").isNull()).isTrue();
        assertThat(store.load().orElseThrow().state().best().bestValidationMae()).isNull();
    }

    private static JsonNode writtenState(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return JSON.readTree(zip.getInputStream(zip.getEntry("state.json")));
        }
    }
}
