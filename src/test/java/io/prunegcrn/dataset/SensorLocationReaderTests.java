package io.prunegcrn.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class SensorLocationReaderTests {

    private static final String FILE = "locations.csv";
    private static final List<String> IDS = List.of("773869", "767541", "767542");

    private static List<SensorLocation> read(String text) {
        return SensorLocationReader.read(FILE, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), IDS);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String text, int line) {
        return assertThatThrownBy(() -> read(text))
                .isInstanceOf(DatasetFormatException.class)
                .satisfies(e -> assertThat(((DatasetFormatException) e).line()).isEqualTo(line));
    }

    @Test
    void aMetrLaStyleFileWithAnIndexColumnIsRead() {
        List<SensorLocation> locations = read("""
                index,sensor_id,latitude,longitude
                0,773869,34.15497,-118.31829
                1,767541,34.11621,-118.23799
                2,767542,34.11641,-118.23819
                """);

        assertThat(locations).containsExactly(
                new SensorLocation("773869", 34.15497, -118.31829),
                new SensorLocation("767541", 34.11621, -118.23799),
                new SensorLocation("767542", 34.11641, -118.23819));
    }

    @Test
    void aFileWithOnlySensorIdLatitudeAndLongitudeIsRead() {
        List<SensorLocation> locations = read("sensor_id,latitude,longitude\n773869,34.1,-118.3\n767541,34.2,-118.2\n767542,34.3,-118.1\n");

        assertThat(locations).extracting(SensorLocation::sensorId).containsExactlyElementsOf(IDS);
        assertThat(locations.get(2).latitude()).isEqualTo(34.3);
        assertThat(locations.get(2).longitude()).isEqualTo(-118.1);
    }

    @Test
    void columnsMayComeInAnyOrderAndHeaderCaseDoesNotMatter() {
        List<SensorLocation> locations = read("Longitude,Latitude,Sensor_ID\n-118.3,34.1,773869\n-118.2,34.2,767541\n-118.1,34.3,767542\n");

        assertThat(locations.get(0)).isEqualTo(new SensorLocation("773869", 34.1, -118.3));
    }

    @Test
    void rowsInAnotherOrderComeBackInTheSeriesSensorOrder() {
        List<SensorLocation> locations = read("""
                sensor_id,latitude,longitude
                767542,3,-3
                773869,1,-1
                767541,2,-2
                """);

        assertThat(locations).extracting(SensorLocation::sensorId).containsExactly("773869", "767541", "767542");
        assertThat(locations).extracting(SensorLocation::latitude).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void aSensorThatIsNotInTheSeriesIsRefusedWithItsLine() {
        assertRefused("sensor_id,latitude,longitude\n773869,1,1\n\n999999,2,2\n", 4)
                .hasMessage("locations.csv line 4: sensor id '999999' is not in the series");
    }

    @Test
    void aSensorListedTwiceIsRefused() {
        assertRefused("sensor_id,latitude,longitude\n773869,1,1\n767541,2,2\n773869,1,1\n767542,3,3\n", 4)
                .hasMessage("locations.csv line 4: sensor id '773869' appears twice");
    }

    @Test
    void aSensorWithoutCoordinatesIsRefused() {
        assertRefused("sensor_id,latitude,longitude\n773869,1,1\n767542,3,3\n", 0)
                .hasMessage("locations.csv: no coordinates for sensor '767541'");
    }

    @Test
    void aLatitudeOutOfRangeIsRefused() {
        assertRefused("sensor_id,latitude,longitude\n773869,91,1\n", 2)
                .hasMessage("locations.csv line 2: coordinates out of range: 91.0, 1.0");
        assertRefused("sensor_id,latitude,longitude\n773869,-90.5,1\n", 2)
                .hasMessageContaining("coordinates out of range");
    }

    @Test
    void aLongitudeOutOfRangeIsRefused() {
        assertRefused("sensor_id,latitude,longitude\n773869,34,-181\n", 2)
                .hasMessageContaining("coordinates out of range: 34.0, -181.0");
    }

    @Test
    void coordinatesOnTheBoundaryAreAccepted() {
        List<SensorLocation> locations = read("sensor_id,latitude,longitude\n773869,90,180\n767541,-90,-180\n767542,0,0\n");

        assertThat(locations.get(0).latitude()).isEqualTo(90.0);
        assertThat(locations.get(1).longitude()).isEqualTo(-180.0);
    }

    @Test
    void aCoordinateThatIsNotANumberIsRefusedWithItsColumn() {
        assertRefused("sensor_id,latitude,longitude\n773869,north,1\n", 2)
                .hasMessage("locations.csv line 2: latitude in column 2 is not a number: 'north'");
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsIsRefused() {
        assertRefused("index,sensor_id,latitude,longitude\n0,773869,34.1\n", 2)
                .hasMessage("locations.csv line 2: has 3 columns, the header has 4");
    }

    @Test
    void aHeaderWithoutLongitudeIsRefused() {
        assertRefused("sensor_id,latitude\n773869,34.1\n", 1)
                .hasMessageContaining("the header must name sensor_id, latitude and longitude")
                .hasMessageContaining("[sensor_id, latitude]");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertRefused("", 0).hasMessageContaining("the file is empty");
    }
}
