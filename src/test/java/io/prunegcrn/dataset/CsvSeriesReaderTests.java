package io.prunegcrn.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class CsvSeriesReaderTests {

    private static final String FILE = "speed.csv";

    private static TrafficSeries read(String text) {
        return CsvSeriesReader.read(FILE, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String text, int line) {
        return assertThatThrownBy(() -> read(text))
                .isInstanceOf(DatasetFormatException.class)
                .satisfies(e -> assertThat(((DatasetFormatException) e).line()).isEqualTo(line))
                .satisfies(e -> assertThat(((DatasetFormatException) e).file()).isEqualTo(FILE));
    }

    private static TrafficSeries read(String text, CsvHeader header) {
        return CsvSeriesReader.read(FILE, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), header);
    }

    /** Counts per road without a header row, as several public traffic datasets ship them. */
    private static final String COUNTS = "2,2,7\n3,1,2\n4,4,4\n";

    @Test
    void wholeNumberCountsWithoutAHeaderLoadWithHeaderFalseAndAutoSaysSo() {
        assertRefused(COUNTS, 1).hasMessageContaining("sensor id '2' appears twice in the header")
                .hasMessageContaining("header=false");

        TrafficSeries series = read(COUNTS, CsvHeader.FALSE);
        assertThat(series.sensorIds()).containsExactly("0", "1", "2");
        assertThat(series.steps()).isEqualTo(3);
        assertThat(series.values()).startsWith(2f, 2f, 7f, 3f);
    }

    @Test
    void headerTrueTakesTheFirstRowForIdsEvenWhenItLooksLikeReadings() {
        TrafficSeries series = read("1.5,2.5\n3,4\n", CsvHeader.TRUE);
        assertThat(series.sensorIds()).containsExactly("1.5", "2.5");
        assertThat(series.steps()).isEqualTo(1);
        assertThat(read("1.5,2.5\n3,4\n", CsvHeader.AUTO).steps()).as("auto: readings, no header").isEqualTo(2);
    }

    @Test
    void aDuplicateIdInARealHeaderGetsNoHint() {
        assertRefused("a,b,a\n1,2,3\n", 1).hasMessageContaining("appears twice").hasMessageNotContaining("header=false");
        assertThatThrownBy(() -> CsvHeader.of("header", "maybe")).hasMessage("header: must be auto, true or false, got 'maybe'");
    }

    @Test
    void aWellFormedFileGivesTheSensorIdsStepsAndReadings() {
        TrafficSeries series = read("773869,767541,767542\n64.375,67.625,67.125\n62.75,68,65.25\n");

        assertThat(series.sensorIds()).containsExactly("773869", "767541", "767542");
        assertThat(series.nodes()).isEqualTo(3);
        assertThat(series.steps()).isEqualTo(2);
        assertThat(series.get(0, 0)).isEqualTo(64.375f);
        assertThat(series.get(0, 2)).isEqualTo(67.125f);
        assertThat(series.get(1, 1)).isEqualTo(68f);
        assertThat(series.values()).containsExactly(64.375f, 67.625f, 67.125f, 62.75f, 68f, 65.25f);
    }

    @Test
    void cellsAreTrimmedAndWindowsLineEndingsAreAccepted() {
        TrafficSeries series = read(" a , b \r\n 1 ,2\r\n-3.5e1, 4 \r\n");

        assertThat(series.sensorIds()).containsExactly("a", "b");
        assertThat(series.values()).containsExactly(1f, 2f, -35f, 4f);
    }

    @Test
    void aHeaderWithoutReadingsGivesZeroSteps() {
        assertThat(read("a,b\n").steps()).isZero();
    }

    @Test
    void blankLinesAreIgnoredButStillCountedInLineNumbers() {
        TrafficSeries series = read("\na,b\n\n1,2\n   \n3,4\n\n");

        assertThat(series.sensorIds()).containsExactly("a", "b");
        assertThat(series.values()).containsExactly(1f, 2f, 3f, 4f);

        assertRefused("a,b\n\n1,2\n\nx,4\n", 5).hasMessageContaining("line 5");
    }

    @Test
    void aUtf8ByteOrderMarkIsIgnored() {
        TrafficSeries series = read("\uFEFF773869,767541\n1,2\n");

        assertThat(series.sensorIds()).containsExactly("773869", "767541");
    }

    @Test
    void aRaggedRowIsRefusedWithItsLineNumber() {
        assertRefused("a,b,c\n1,2,3\n4,5\n", 3)
                .hasMessage("speed.csv line 3: has 2 values, the header names 3 sensors");
        assertRefused("a,b\n1,2,3\n", 2)
                .hasMessage("speed.csv line 2: has 3 values, the header names 2 sensors");
    }

    @Test
    void aReadingThatIsNotANumberIsRefusedWithItsLineAndColumn() {
        assertRefused("a,b,c\n1,2,3\n4,fast,6\n", 3)
                .hasMessage("speed.csv line 3: reading in column 2 is not a number: 'fast'");
    }

    @Test
    void anEmptyReadingIsNotANumber() {
        assertRefused("a,b\n1,\n", 2)
                .hasMessage("speed.csv line 2: reading in column 2 is not a number: ''");
    }

    @Test
    void aLongBadCellIsAbbreviatedInTheMessage() {
        String cell = "x".repeat(60);

        assertRefused("a,b\n1," + cell + "\n", 2)
                .hasMessageEndingWith("'" + "x".repeat(37) + "...'");
    }

    @Test
    void nanAndInfinityAreRefusedAsNotFinite() {
        assertRefused("a,b\n1,2\nNaN,4\n", 3)
                .hasMessage("speed.csv line 3: reading in column 1 is not finite: 'NaN'");
        assertRefused("a,b\n1,Infinity\n", 2)
                .hasMessage("speed.csv line 2: reading in column 2 is not finite: 'Infinity'");
        assertRefused("a,b\n1,-Infinity\n", 2)
                .hasMessageContaining("not finite");
    }

    @Test
    void aDuplicateSensorIdIsRefused() {
        assertRefused("a,b,a\n1,2,3\n", 1)
                .hasMessage("speed.csv line 1: sensor id 'a' appears twice in the header");
    }

    @Test
    void anEmptySensorIdInTheHeaderIsRefused() {
        assertRefused("a,,b\n1,2,3\n", 1)
                .hasMessage("speed.csv line 1: the header has an empty sensor id");
        assertRefused("a,b,\n1,2,3\n", 1)
                .hasMessageContaining("empty sensor id");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertRefused("", 0)
                .hasMessage("speed.csv: the file is empty; expected a header row of sensor ids");
        assertRefused("\n  \n\n", 0)
                .hasMessageContaining("the file is empty");
    }

    @Test
    void aSingleSensorIsRefused() {
        assertRefused("a\n1\n2\n", 1)
                .hasMessage("speed.csv line 1: the header names 1 sensor; at least 2 are needed");
    }

    @Test
    void aFileWithoutAHeaderRowNamesSensorsByColumn() {
        TrafficSeries series = read("64.5,62.1,60\n63.2,61.0,59.5\n");

        assertThat(series.sensorIds()).containsExactly("0", "1", "2");
        assertThat(series.steps()).isEqualTo(2);
        assertRefused("1.5,2,3\n4,5\n", 2).hasMessage("speed.csv line 2: has 2 values, the first row has 3");
    }

    @Test
    void quotedSensorIdsMayHoldCommasAndQuotes() {
        TrafficSeries series = read("\"I-405 N, exit 3\",\"say \"\"hi\"\"\"\n1,2\n");

        assertThat(series.sensorIds()).containsExactly("I-405 N, exit 3", "say \"hi\"");
    }
}
