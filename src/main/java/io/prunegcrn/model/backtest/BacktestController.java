package io.prunegcrn.model.backtest;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.prunegcrn.api.ResponseStream;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Backtests", description = "A model's forecasts over a range of steps of its dataset and their error per horizon")
class BacktestController {

    static final String NDJSON = ResponseStream.NDJSON;
    static final String CSV = "text/csv";

    private final BacktestService backtests;
    private final FailureCurveService failureCurves;

    BacktestController(BacktestService backtests, FailureCurveService failureCurves) {
        this.backtests = backtests;
        this.failureCurves = failureCurves;
    }

    /** Simulated failures of retained sensors, as query parameters. */
    record FailureQuery(
            @Parameter(description = "share of the retained sensors that fail for the whole range, [0, 1]: ceil(failRate*k) "
                    + "of k, drawn with failSeed") Double failRate,
            @Parameter(description = "the draw of failRate (default 1)") Long failSeed,
            @Parameter(description = "retained sensors that fail, by id (instead of failRate)") List<String> failed) {

        SensorFailures failures() {
            return new SensorFailures(failRate, failSeed, failed);
        }
    }

    @GetMapping(value = "/{id}/backtest", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "Metrics per horizon over the range")
    @ApiResponse(responseCode = "429", description = "Too many backtests at once; Retry-After")
    @Operation(operationId = "backtestModel",
            summary = "Backtest a model", description = "Forecasts from every step t in [from, to) of the model's dataset "
            + "(each from the readings of [t-12, t)) in batches and returns MAE, RMSE and MAPE per horizon step over all sensors. "
            + "Default range: the test split (the model's own test metrics). Ask for application/x-ndjson (forecasts, progress, "
            + "then the metrics) or text/csv (one row per step, horizon step and sensor) to get the forecasts themselves. "
            + "failRate or failed simulate retained sensors that fail: they read as switched off throughout.")
    BacktestResult metrics(@PathVariable String id,
            @RequestParam(required = false) @Parameter(description = "first forecast step (default: start of the test split + 12)") Integer from,
            @RequestParam(required = false) @Parameter(description = "end step, exclusive (default: steps - 11)") Integer to,
            @RequestParam(required = false) @Parameter(description = "windows per pass (prunegcrn.forecast.backtest.*)") Integer batchSize,
            @ParameterObject FailureQuery failures) {
        Backtest backtest = backtests.plan(id, from, to, batchSize, failures.failures());
        try (var slot = backtests.slot()) {
            return backtests.run(backtest, new BacktestService.Listener() {
            });
        }
    }

    /**
     * One JSON object a line: {@code header} (range and sensor ids), then per window {@code forecast} ({@code [horizon][sensor]},
     * data units; left out with {@code forecasts=false}), after every batch {@code progress}, and last {@code result} (as
     * the JSON answer).
     */
    @GetMapping(value = "/{id}/backtest", produces = NDJSON)
    @Operation(operationId = "backtestModel")
    void ndjson(@PathVariable String id, @RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to,
            @RequestParam(required = false) Integer batchSize,
            @RequestParam(defaultValue = "true") @Parameter(description = "application/x-ndjson only: false sends the header, "
                    + "progress and result lines without the forecasts (what the model page reads)") boolean forecasts,
            @ParameterObject FailureQuery failures, HttpServletResponse response) throws IOException {
        // a bad request fails here, before anything is sent
        Backtest backtest = backtests.plan(id, from, to, batchSize, failures.failures());
        try (var slot = backtests.slot(); ResponseStream out = ResponseStream.open(response, NDJSON)) {
            out.line("header", Map.of("modelId", id, "from", backtest.from(), "to", backtest.to(),
                    "windows", backtest.windows(), "sensorIds", backtest.series().sensorIds(), "failed", backtest.failed()));
            BacktestResult result = backtests.run(backtest, new BacktestService.Listener() {
                @Override
                public void forecast(int step, float[][] forecast) {
                    if (forecasts) {
                        out.line("forecast", Map.of("step", step, "forecast", forecast));
                    }
                }

                @Override
                public void progress(int done, int total) {
                    out.line("progress", Map.of("done", done, "total", total));
                    out.flush();
                }
            });
            out.line("result", Map.of("result", result));
        }
    }

    /** {@code step,horizon,sensor,forecast,actual}: one row per forecast step t, horizon step (1-based) and sensor. */
    @GetMapping(value = "/{id}/backtest", produces = CSV)
    @Operation(operationId = "backtestModel")
    void csv(@PathVariable String id, @RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to,
            @RequestParam(required = false) Integer batchSize, @ParameterObject FailureQuery failures,
            HttpServletResponse response) throws IOException {
        Backtest backtest = backtests.plan(id, from, to, batchSize, failures.failures());
        List<String> sensors = backtest.series().sensorIds();
        try (var slot = backtests.slot(); ResponseStream out = ResponseStream.open(response, CSV)) {
            out.text("step,horizon,sensor,forecast,actual\n");
            backtests.run(backtest, new BacktestService.Listener() {
                @Override
                public void forecast(int step, float[][] forecast) {
                    StringBuilder sb = new StringBuilder();
                    for (int h = 0; h < forecast.length; h++) {
                        for (int i = 0; i < sensors.size(); i++) {
                            sb.append(step).append(',').append(h + 1).append(',').append(sensors.get(i)).append(',')
                                    .append(forecast[h][i]).append(',').append(backtest.series().get(step + h, i)).append('\n');
                        }
                    }
                    out.text(sb.toString());
                }

                @Override
                public void progress(int done, int total) {
                    out.flush();
                }
            });
        }
    }

    @GetMapping(value = "/{id}/failure-curve", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getFailureCurve",
            summary = "What sensor failures cost", description = "Test MAE as 1, 2, 5, 10 and 25 % of the model's retained "
            + "sensors fail for the whole test split (ceil(share*k) sensors, draws random sets each), next to none failing. "
            + "Stored with the model; computed on the first request for that many draws (rates x draws backtests of the "
            + "test split: minutes at N = 207). Ask for application/x-ndjson to follow its progress.")
    FailureCurve failureCurve(@PathVariable String id,
            @RequestParam(required = false) @Parameter(description = "random sets per share (default 3)") Integer draws) {
        return failureCurves.of(id, draws, new BacktestService.Listener() {
        });
    }

    /** One JSON object a line: {@code progress} after every backtest ({@code done} of {@code total}), then {@code result}. */
    @GetMapping(value = "/{id}/failure-curve", produces = NDJSON)
    @Operation(operationId = "getFailureCurve")
    void failureCurveStream(@PathVariable String id, @RequestParam(required = false) Integer draws,
            HttpServletResponse response) throws IOException {
        backtests.plan(id, null, null, null); // a bad request fails here, before anything is sent
        FailureCurveService.draws(draws);
        try (ResponseStream out = ResponseStream.open(response, NDJSON)) {
            FailureCurve curve = failureCurves.of(id, draws, new BacktestService.Listener() {
                @Override
                public void progress(int done, int total) {
                    out.line("progress", Map.of("done", done, "total", total));
                    out.flush();
                }
            });
            out.line("result", Map.of("result", curve));
        }
    }
}
