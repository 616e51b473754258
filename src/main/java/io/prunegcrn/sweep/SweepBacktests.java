package io.prunegcrn.sweep;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.model.backtest.Backtest;
import io.prunegcrn.model.backtest.BacktestService;
import io.prunegcrn.system.ResourceConflictException;

/** Backtests every finished model of a sweep over one range of steps, one model after another. */
@Service
class SweepBacktests {

    /** A checked request: the range (with its defaults applied) and the models to run. */
    record Plan(Sweep sweep, int from, int to, List<String> modelIds) {

        int windows() {
            return (to - from) * modelIds.size();
        }
    }

    private final SweepService sweeps;
    private final BacktestService backtests;

    SweepBacktests(SweepService sweeps, BacktestService backtests) {
        this.sweeps = sweeps;
        this.backtests = backtests;
    }

    /** Checks the range against the sweep's dataset (all its models share it); null takes the test split's bound. */
    /** A slot of the backtests' bounded pool, held for all the sweep's models. */
    io.prunegcrn.model.ComputePool.Slot slot() {
        return backtests.slot();
    }

    Plan plan(String sweepId, Integer from, Integer to) {
        Sweep sweep = sweeps.find(sweepId);
        List<String> ids = sweeps.modelIds(sweep);
        if (ids.isEmpty()) {
            throw new ResourceConflictException("sweep " + sweepId + " has no finished model to backtest yet");
        }
        Backtest first = backtests.plan(ids.get(0), from, to, null);
        return new Plan(sweep, first.from(), first.to(), ids);
    }

    /** Runs the plan; {@code progress} counts windows over all its models. */
    SweepBacktest run(Plan plan, BacktestService.Listener progress) {
        long started = System.nanoTime();
        Map<String, ForecastMetrics> metrics = new HashMap<>();
        int perModel = plan.to() - plan.from();
        for (int k = 0; k < plan.modelIds().size(); k++) {
            int before = k * perModel;
            Backtest backtest = backtests.plan(plan.modelIds().get(k), plan.from(), plan.to(), null);
            // a sweep holds dozens of models: one model's per-node weights at a time
            metrics.put(backtest.model().id(), backtest.model().visitOnce(() -> backtests.run(backtest, new BacktestService.Listener() {
                @Override
                public void progress(int done, int total) {
                    progress.progress(before + done, plan.windows());
                }
            }).metrics()));
        }
        SweepReport report = sweeps.report(plan.sweep(), m -> metrics.get(m.id()));
        return new SweepBacktest(plan.sweep().id(), plan.from(), plan.to(), perModel, metrics.size(),
                (System.nanoTime() - started) / 1e9, report);
    }
}
