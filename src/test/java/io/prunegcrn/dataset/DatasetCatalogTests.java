package io.prunegcrn.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.system.DataDirectory;
import tools.jackson.databind.json.JsonMapper;

/** What an upload stores besides its files (header mode, step length) and how it reads back after a restart. */
class DatasetCatalogTests {

    @TempDir
    Path root;

    private DatasetCatalog catalog() {
        PruneGcrnProperties properties = mock(PruneGcrnProperties.class);
        when(properties.dataDir()).thenReturn(root);
        return new DatasetCatalog(new DataDirectory(properties, JsonMapper.builder().build()));
    }

    /** Hourly counts of 3 stops without a header row: whole numbers, the first row has a duplicate. */
    private static byte[] hourlyCounts(int steps) {
        StringBuilder csv = new StringBuilder();
        for (int t = 0; t < steps; t++) {
            csv.append(2 + t % 5).append(',').append(2 + t % 5).append(',').append(t % 7).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anHourlyFileWithoutHeaderIsStoredWithItsStepAndReadsBackTheSameAfterARestart() {
        catalog().add(new DatasetCatalog.Upload("stops", "bus stops", "stops.csv", hourlyCounts(200), 0, null, null,
                CsvHeader.FALSE, 60));

        DatasetCatalog restarted = catalog();
        TrafficDataset stops = restarted.get("stops");
        assertThat(stops.stepMinutes()).isEqualTo(60);
        assertThat(stops.series().sensorIds()).containsExactly("0", "1", "2");
        assertThat(stops.series().steps()).as("the first row is readings, not a header").isEqualTo(200);
        assertThat(restarted.info("stops").header()).isEqualTo(CsvHeader.FALSE);
        assertThat(restarted.info("stops").stepMinutes()).isEqualTo(60);
    }

    @Test
    void aDatasetStoredBeforeStepsWereRecordedHasFiveMinuteSteps() throws Exception {
        Path dir = Files.createDirectories(root.resolve("datasets/old"));
        Files.write(dir.resolve("series.csv"), ("a,b\n" + "1.5,2.5\n".repeat(120)).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("dataset.json"), "{\"id\":\"old\",\"description\":\"\",\"seriesFile\":\"series.csv\","
                + "\"channel\":0,\"hasLocations\":false,\"hasRoadGraph\":false,\"createdAt\":\"2026-01-01T00:00:00Z\",\"bundled\":false}");

        assertThat(catalog().get("old").stepMinutes()).isEqualTo(5);
        assertThat(catalog().info("old").header()).isEqualTo(CsvHeader.AUTO);
        assertThat(catalog().get(BundledDatasets.LOS_LOOP).stepMinutes()).isEqualTo(5);
    }
}
