package io.prunegcrn.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsAccumulatorTests {

    @Test
    void errorsAreSummedPerHorizonStepAndPerSensorOverEveryStep() {
        MetricsAccumulator acc = new MetricsAccumulator(2, 3);
        acc.add(0, 0, 11, 10); // error +1
        acc.add(1, 0, 7, 10);  // −3
        acc.add(0, 2, 20, 20); // 0
        acc.add(1, 2, 24, 20); // +4

        ForecastMetrics m = acc.result();
        assertThat(m.perHorizon().get(0).mae()).isEqualTo(0.5);
        assertThat(m.perHorizon().get(1).mae()).isEqualTo(3.5);
        assertThat(m.perHorizon().get(1).rmse()).isCloseTo(Math.sqrt(12.5), within(1e-12));
        assertThat(m.average().mae()).isEqualTo(2);
        assertThat(m.perHorizon().get(1).mape()).isCloseTo(100 * (0.3 + 0.2) / 2, within(1e-12));
        assertThat(acc.sensorMae(0)).isEqualTo(2);
        assertThat(acc.sensorRmse(0)).isCloseTo(Math.sqrt(5), within(1e-12));
        assertThat(acc.sensorMae(2)).isEqualTo(2);
        assertThat(acc.sensorRmse(2)).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(acc.sensorMae(1)).as("a sensor without forecasts").isNaN();
    }
}
