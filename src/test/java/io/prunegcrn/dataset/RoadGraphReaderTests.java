package io.prunegcrn.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class RoadGraphReaderTests {

    private static final String FILE = "distance.csv";
    private static final List<String> INDEX_IDS = List.of("0", "1", "2", "3");
    private static final List<String> SENSOR_IDS = List.of("400001", "400017", "400030");

    private static List<RoadEdge> read(String text, List<String> ids) {
        return RoadGraphReader.read(FILE, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ids);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String text, List<String> ids, int line) {
        return assertThatThrownBy(() -> read(text, ids))
                .isInstanceOf(DatasetFormatException.class)
                .satisfies(e -> assertThat(((DatasetFormatException) e).line()).isEqualTo(line));
    }

    @Test
    void aPemsDistanceFileWithIndicesGivesOneEdgePerRow() {
        List<RoadEdge> edges = read("from,to,cost\n0,1,622.0\n1,2,1035.5\n3,0,9.25\n", INDEX_IDS);

        assertThat(edges).containsExactly(new RoadEdge(0, 1, 622.0), new RoadEdge(1, 2, 1035.5), new RoadEdge(3, 0, 9.25));
    }

    @Test
    void aPems03StyleHeaderNamingTheCostDistanceIsAnEdgeListToo() {
        List<RoadEdge> edges = read("from,to,distance\n2,3,0.5\n", INDEX_IDS);

        assertThat(edges).containsExactly(new RoadEdge(2, 3, 0.5));
    }

    @Test
    void endpointsMayBeSensorIdsOfTheSeries() {
        List<RoadEdge> edges = read("from,to,cost\n400030,400001,1200\n400017,400030,300\n", SENSOR_IDS);

        assertThat(edges).containsExactly(new RoadEdge(2, 0, 1200), new RoadEdge(1, 2, 300));
    }

    @Test
    void anIndexIsAcceptedWhenItIsNotASensorId() {
        List<RoadEdge> edges = read("from,to,cost\n400001,2,50\n", SENSOR_IDS);

        assertThat(edges).containsExactly(new RoadEdge(0, 2, 50));
    }

    @Test
    void aSensorIdThatLooksLikeAnIndexMeansTheSensor() {
        List<RoadEdge> edges = read("from,to,cost\n0,1,5\n", List.of("1", "0"));

        assertThat(edges).containsExactly(new RoadEdge(1, 0, 5));
    }

    @Test
    void theHeaderIsCaseInsensitiveAndMayHaveMoreColumns() {
        List<RoadEdge> edges = read("FROM,To,cost,lanes\n0,1,5,2\n", INDEX_IDS);

        assertThat(edges).containsExactly(new RoadEdge(0, 1, 5));
    }

    @Test
    void anEndpointThatIsNeitherASensorNorAnIndexIsRefusedWithItsLine() {
        assertRefused("from,to,cost\n0,1,5\n\n0,9,5\n", INDEX_IDS, 4)
                .hasMessage("distance.csv line 4: '9' in column 2 is neither a sensor id of the series nor an index below 4");
        assertRefused("from,to,cost\n-1,1,5\n", INDEX_IDS, 2)
                .hasMessageContaining("'-1' in column 1 is neither");
        assertRefused("from,to,cost\n400001,999999,5\n", SENSOR_IDS, 2)
                .hasMessageContaining("'999999' in column 2");
    }

    @Test
    void aCostThatIsNotANumberIsRefused() {
        assertRefused("from,to,cost\n0,1,far\n", INDEX_IDS, 2)
                .hasMessage("distance.csv line 2: cost in column 3 is not a number: 'far'");
    }

    @Test
    void anEdgeRowWithMissingColumnsIsRefused() {
        assertRefused("from,to,cost\n0,1\n", INDEX_IDS, 2)
                .hasMessage("distance.csv line 2: has 2 columns, the header has 3");
    }

    @Test
    void anAdjacencyMatrixTurnsOffDiagonalNonZerosIntoEdges() {
        List<RoadEdge> edges = read("""
                1,0.5,0
                0.5,1,0
                0,0.25,1
                """, SENSOR_IDS);

        assertThat(edges).containsExactly(new RoadEdge(0, 1, 0.5), new RoadEdge(1, 0, 0.5), new RoadEdge(2, 1, 0.25));
    }

    @Test
    void anAllZeroAdjacencyMatrixHasNoEdges() {
        assertThat(read("0,0,0\n0,0,0\n0,0,0\n", SENSOR_IDS)).isEmpty();
    }

    @Test
    void anAdjacencyMatrixWithTheWrongNumberOfRowsIsRefused() {
        assertRefused("0,1,0\n1,0,0\n", SENSOR_IDS, 0)
                .hasMessage("distance.csv: an adjacency matrix needs 3 rows (one per sensor), got 2");
        assertRefused("0,1,0\n1,0,0\n0,0,0\n0,0,0\n", SENSOR_IDS, 0)
                .hasMessageContaining("needs 3 rows (one per sensor), got 4");
    }

    @Test
    void anAdjacencyMatrixRowWithTheWrongNumberOfValuesIsRefusedWithItsLine() {
        assertRefused("0,1,0\n1,0\n0,0,0\n", SENSOR_IDS, 2)
                .hasMessage("distance.csv line 2: has 2 values, expected 3");
    }

    @Test
    void anAdjacencyWeightThatIsNotANumberIsRefused() {
        assertRefused("0,1,0\n1,0,x\n0,0,0\n", SENSOR_IDS, 2)
                .hasMessage("distance.csv line 2: weight in column 3 is not a number: 'x'");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertRefused("\n", SENSOR_IDS, 0).hasMessageContaining("the file is empty");
    }
}
