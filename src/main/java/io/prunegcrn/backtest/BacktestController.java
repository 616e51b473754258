package io.prunegcrn.backtest;

import java.io.IOException;
import java.util.List;
import java.util.Map;

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

    BacktestController(BacktestService backtests) {
        this.backtests = backtests;
    }

    @GetMapping(value = "/{id}/backtest", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "Metrics per horizon over the range")
    @ApiResponse(responseCode = "429", description = "Too many backtests at once; Retry-After")
    @Operation(operationId = "backtestModel",
            summary = "Backtest a model", description = "Forecasts from every step t in [from, to) of the model's dataset "
            + "(each from the readings of [t-12, t)) in batches and returns MAE, RMSE and MAPE per horizon step over all sensors. "
            + "Default range: the test split (the model's own test metrics). Ask for application/x-ndjson (forecasts, progress, "
            + "then the metrics) or text/csv (one row per step, horizon step and sensor) to get the forecasts themselves.")
    BacktestResult metrics(@PathVariable String id,
            @RequestParam(required = false) @Parameter(description = "first forecast step (default: start of the test split + 12)") Integer from,
            @RequestParam(required = false) @Parameter(description = "end step, exclusive (default: steps - 11)") Integer to,
            @RequestParam(required = false) @Parameter(description = "windows per pass (prunegcrn.forecast.backtest.*)") Integer batchSize) {
        Backtest backtest = backtests.plan(id, from, to, batchSize);
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
            HttpServletResponse response) throws IOException {
        Backtest backtest = backtests.plan(id, from, to, batchSize); // a bad request fails here, before anything is sent
        try (var slot = backtests.slot(); ResponseStream out = ResponseStream.open(response, NDJSON)) {
            out.line("header", Map.of("modelId", id, "from", backtest.from(), "to", backtest.to(),
                    "windows", backtest.windows(), "sensorIds", backtest.series().sensorIds()));
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
            @RequestParam(required = false) Integer batchSize, HttpServletResponse response) throws IOException {
        Backtest backtest = backtests.plan(id, from, to, batchSize);
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
}
