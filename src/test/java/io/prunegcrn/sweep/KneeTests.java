package io.prunegcrn.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.prunegcrn.sweep.SweepReport.Knee;
import io.prunegcrn.sweep.SweepReport.Row;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.SelectionMethod;

class KneeTests {

    private static Row row(SelectionMethod method, double gamma, double kept, Double mae) { // mae null: no seed done yet
        return new Row(Forecaster.NETWORK, method, gamma, (int) kept, mae == null ? 0 : 1, mae == null ? null : kept, mae, 0.0,
                null, null, null, null);
    }

    private static final List<Row> ROWS = List.of(
            row(SelectionMethod.FULL, 1.0, 207, 4.00),
            row(SelectionMethod.PRUNEGCRN, 0.1, 21, 4.50),
            row(SelectionMethod.PRUNEGCRN, 0.25, 52, 4.18),
            row(SelectionMethod.PRUNEGCRN, 0.5, 104, 4.05),
            row(SelectionMethod.PRUNEGCRN, 1.0, 207, 3.98),
            row(SelectionMethod.RANDOM, 0.25, 52, 4.60),
            row(SelectionMethod.RANDOM, 0.5, 104, null));

    @Test
    void theKneeIsTheFewestSensorsWithinTheToleranceOfTheFullModel() {
        Double full = SweepService.fullModelMae(ROWS, Forecaster.NETWORK);

        assertThat(full).isEqualTo(4.00);
        Knee knee = Knee.of(Forecaster.NETWORK, SelectionMethod.PRUNEGCRN, ROWS, full, 0.05);
        assertThat(knee.sensorsKept()).isEqualTo(52); // 4.18 ≤ 4.20; 21 sensors (4.50) is not
        assertThat(knee.gamma()).isEqualTo(0.25);
        assertThat(Knee.of(Forecaster.NETWORK, SelectionMethod.PRUNEGCRN, ROWS, full, 0.15).sensorsKept()).isEqualTo(21);
        assertThat(Knee.of(Forecaster.NETWORK, SelectionMethod.PRUNEGCRN, ROWS, full, 0.0).sensorsKept()).isEqualTo(207);
    }

    @Test
    void aMethodThatNeverGetsCloseHasNoKnee() {
        Knee knee = Knee.of(Forecaster.NETWORK, SelectionMethod.RANDOM, ROWS, 4.00, 0.05);

        assertThat(knee.sensorsKept()).isNull();
        assertThat(knee.tolerance()).isEqualTo(0.05);
    }

    @Test
    void anotherForecastersFullModelDoesNotCount() {
        assertThat(SweepService.fullModelMae(ROWS, Forecaster.LINEAR)).isNull();
    }

    @Test
    void withoutTheFullBaselineAnyMethodAtGammaOneStandsForIt() {
        List<Row> withoutFull = ROWS.subList(1, ROWS.size());

        assertThat(SweepService.fullModelMae(withoutFull, Forecaster.NETWORK)).isEqualTo(3.98);
        assertThat(SweepService.fullModelMae(ROWS.subList(1, 3), Forecaster.NETWORK)).isNull();
        assertThat(Knee.of(Forecaster.NETWORK, SelectionMethod.PRUNEGCRN, ROWS, null, 0.05).sensorsKept()).isNull();
    }
}
