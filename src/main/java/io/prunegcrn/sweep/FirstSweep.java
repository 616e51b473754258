package io.prunegcrn.sweep;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.dataset.BundledDatasets;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;

/**
 * A new user's first look at what each budget costs: on the first start (no sweep yet), Los-loop's linear budget curve,
 * γ 0.1 … 1 under every fixed selector with a band of 20 random sets. Linear models train in seconds, so it is there
 * within minutes, before any network has trained. {@code prunegcrn.pretrained.first-sweep=false} turns it off.
 */
@Component
class FirstSweep {

    static final List<Double> GAMMAS = List.of(0.1, 0.25, 0.5, 1.0);
    static final int RANDOM_DRAWS = 20;
    private static final Logger log = LoggerFactory.getLogger(FirstSweep.class);

    private final SweepService sweeps;
    private final boolean enabled;

    FirstSweep(SweepService sweeps, PruneGcrnProperties properties) {
        this.sweeps = sweeps;
        this.enabled = properties.pretrained().firstSweep();
    }

    @EventListener(ApplicationReadyEvent.class)
    void startOnFirstRun() {
        if (!enabled || !sweeps.list().isEmpty()) {
            return;
        }
        SweepSpec spec = new SweepSpec(BundledDatasets.LOS_LOOP, GAMMAS, List.of(SelectionMethod.RANDOM,
                SelectionMethod.CORRELATION, SelectionMethod.QR, SelectionMethod.GREEDY, SelectionMethod.FORECAST_GREEDY), List.of(1L), List.of(Forecaster.LINEAR),
                TrainingConfig.defaults(SelectionMethod.FULL, 1.0), Sweep.DEFAULT_KNEE_TOLERANCE, RANDOM_DRAWS, SweepSpec.NONE);
        try {
            log.info("first start: Los-loop's linear budget curve is sweep {}", sweeps.start(spec).id());
        } catch (RuntimeException e) {
            log.warn("first start: could not start Los-loop's linear budget curve: {}", e.getMessage());
        }
    }
}
