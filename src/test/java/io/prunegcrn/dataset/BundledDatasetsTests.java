package io.prunegcrn.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BundledDatasetsTests {

    private static TrafficDataset losLoop;

    @BeforeAll
    static void load() {
        losLoop = BundledDatasets.losLoop();
    }

    @Test
    void losLoopHas207SensorsOver2016Steps() {
        TrafficSeries series = losLoop.series();

        assertThat(losLoop.id()).isEqualTo(BundledDatasets.LOS_LOOP).isEqualTo("los-loop");
        assertThat(series.nodes()).isEqualTo(207);
        assertThat(series.steps()).isEqualTo(2016);
        assertThat(series.sensorIds().get(0)).isEqualTo("773869");
        assertThat(series.sensorIds().get(1)).isEqualTo("767541");
        assertThat(series.sensorIds()).doesNotHaveDuplicates();
    }

    @Test
    void losLoopReadingsAreTheSpeedsOfTheFile() {
        TrafficSeries series = losLoop.series();

        assertThat(series.get(0, 0)).isEqualTo(64.375f);
        assertThat(series.get(0, 2)).isEqualTo(67.125f);
        assertThat(series.get(2015, 0)).isEqualTo(66f);
        assertThat(series.get(2015, 1)).isEqualTo(67.125f);
    }

    @Test
    void losLoopHasALocationForEverySensorInSeriesOrder() {
        assertThat(losLoop.locations()).hasSize(207);
        assertThat(losLoop.locations().get(0)).isEqualTo(new SensorLocation("773869", 34.15497, -118.31829));
        assertThat(losLoop.locations().get(206)).isEqualTo(new SensorLocation("769373", 34.10262, -118.31747));
        assertThat(losLoop.locations()).extracting(SensorLocation::sensorId).containsExactlyElementsOf(losLoop.series().sensorIds());
    }

    @Test
    void losLoopHasARoadGraphBetweenItsSensors() {
        assertThat(losLoop.roadGraph()).isNotEmpty().hasSize(2626);
        assertThat(losLoop.roadGraph().get(0)).isEqualTo(new RoadEdge(0, 13, 0.260935932));
        assertThat(losLoop.roadGraph()).allSatisfy(e -> {
            assertThat(e.from()).isBetween(0, 206);
            assertThat(e.to()).isBetween(0, 206).isNotEqualTo(e.from());
            assertThat(e.cost()).isNotZero();
        });
    }

    @Test
    void losLoopIsLongEnoughForTheTwelveStepWindows() {
        ChronologicalSplit split = ChronologicalSplit.of(losLoop.series().steps()).requireWindows(BundledDatasets.LOS_LOOP, 12, 12);

        assertThat(split.trainEnd()).isEqualTo(1209);
        assertThat(split.validationEnd()).isEqualTo(1612);
    }
}
