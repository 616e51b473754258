package io.prunegcrn.sweep;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.prunegcrn.api.ResponseStream;
import io.prunegcrn.model.backtest.BacktestService;
import io.prunegcrn.system.Page;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingSettings;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/sweeps")
@Tag(name = "Sweeps", description = "Compare sensor selection methods over gamma values and seeds")
class SweepController {

    private final SweepService sweeps;
    private final SweepBacktests backtests;
    private final SweepEventStream events;

    SweepController(SweepService sweeps, SweepBacktests backtests, SweepEventStream events) {
        this.sweeps = sweeps;
        this.backtests = backtests;
        this.events = events;
    }

    record SweepRequest(@NotBlank @Schema(example = "los-loop") String datasetId,
            @NotEmpty @Size(max = 20) @Schema(example = "[0.1, 0.25, 0.5, 1]") List<Double> gammas,
            @Schema(description = "Selectors (default: prunegcrn, random, forecast-greedy); the full model (gamma 1) is always trained",
                    example = "[\"prunegcrn\", \"random\", \"forecast-greedy\"]") List<SelectionMethod> methods,
            @Schema(example = "[1, 2, 3]") @Size(max = 20) List<Long> seeds,
            @Schema(description = "network (default) and/or linear (ridge, seconds per model)", example = "[\"network\"]")
            @Size(max = 2) List<Forecaster> forecasters,
            @Min(0) @Max(200) @Schema(description = "Random sensor sets per gamma < 1 scored by the linear forecaster: the "
                    + "random band (default 0)", example = "20") Integer randomDraws,
            @Schema(description = "auto (default: the newest full network of this dataset and shape, else the sweep trains "
                    + "one first), none (every network from scratch), or a model id", example = "auto") String warmStart,
            @DecimalMin("0") @Schema(description = "The knee of a method is the fewest sensors whose test MAE is at most "
                    + "(1 + kneeTolerance) x the full model's", example = "0.05") Double kneeTolerance,
            @JsonUnwrapped TrainingSettings settings) {

        SweepSpec toSpec() {
            for (Double g : gammas) {
                TrainingConfig.requireGamma("gammas", g == null ? Double.NaN : g);
            }
            if (settings != null && settings.warmStart() != null) {
                throw new IllegalArgumentException("warmStart: give a sweep's warm start as a model id, auto or none");
            }
            List<Long> s = seeds == null || seeds.isEmpty() ? List.of(1L) : seeds;
            return new SweepSpec(datasetId, gammas, methods == null || methods.isEmpty() ? DEFAULT_METHODS : methods, s,
                    forecasters == null || forecasters.isEmpty() ? List.of(Forecaster.NETWORK) : forecasters,
                    TrainingConfig.of(SelectionMethod.FULL, 1.0, s.get(0), settings),
                    Objects.requireNonNullElse(kneeTolerance, Sweep.DEFAULT_KNEE_TOLERANCE),
                    Objects.requireNonNullElse(randomDraws, 0), Objects.requireNonNullElse(warmStart, SweepSpec.AUTO));
        }
    }

    static final List<SelectionMethod> DEFAULT_METHODS = List.of(SelectionMethod.PRUNEGCRN, SelectionMethod.RANDOM,
            SelectionMethod.FORECAST_GREEDY);

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "Every job queued; Location names the sweep")
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still running")
    @ApiResponse(responseCode = "422", description = "This Idempotency-Key came before with another body")
    @ApiResponse(responseCode = "429", description = "The training queue cannot take every job (none is kept); Retry-After")
    @Operation(operationId = "startSweep",
            summary = "Start a sweep", description = "One training job per forecaster x method x gamma x seed, plus the full "
            + "model (gamma 1) once per forecaster and seed, all with the same settings. Pruned networks start from one full "
            + "network (warmStart): reused when one of this dataset and shape exists, else trained first; they are queued "
            + "once it is made.")
    ResponseEntity<Sweep> start(@Validated @RequestBody SweepRequest r) {
        Sweep sweep = sweeps.start(r.toSpec());
        return ResponseEntity.accepted().location(URI.create("/api/v1/sweeps/" + sweep.id())).body(sweep);
    }

    @GetMapping
    @Operation(operationId = "listSweeps", summary = "List sweeps", description = "Newest first, a page at a time.")
    Page<Sweep> list(@RequestParam(required = false) @Parameter(example = "los-loop") String datasetId,
            @RequestParam(required = false) @Parameter(description = "0 = the first page") Integer page,
            @RequestParam(required = false) @Parameter(description = "items per page (1 to 500, default 50)") Integer size) {
        return Page.of(sweeps.list().stream().filter(s -> datasetId == null || datasetId.equals(s.datasetId())).toList(), page, size);
    }

    @DeleteMapping("/{id}")
    @ApiResponse(responseCode = "200", description = "Its queued and running jobs are cancelled: the report as it is now")
    @ApiResponse(responseCode = "204", description = "The finished sweep and its jobs' records are deleted")
    @ApiResponse(responseCode = "409", description = "A job could not be deleted (it started running again meanwhile)")
    @Operation(operationId = "cancelSweep",
            summary = "Cancel a sweep, or delete a finished one", description = "While some of its jobs are queued or running, "
            + "cancels them (200 with the report as it is then). Once every job has finished, deletes the sweep and its jobs' "
            + "records (204); the models stay.")
    ResponseEntity<SweepReport> cancelOrDelete(@PathVariable String id) {
        Sweep sweep = sweeps.find(id);
        if (sweeps.active(sweep)) {
            sweeps.cancel(sweep);
            return ResponseEntity.ok(sweeps.report(id));
        }
        sweeps.delete(sweep);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "followSweep",
            summary = "Follow a sweep", description = "Server-sent events: 'progress' (jobs done of all, queued, running, "
            + "waiting for the warm start, ETA) now and whenever one of its jobs changes status, a comment line "
            + "(':heartbeat') every 10 s so that proxies keep the stream open; the stream ends when every job has finished.")
    SseEmitter events(@PathVariable String id, HttpServletResponse response) {
        return events.subscribe(id, response);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getSweep",
            summary = "Sweep results", description = "Per method and gamma: sensors kept, test MAE/RMSE/MAPE averaged over "
            + "seeds (with the MAE's spread), and the Jaccard stability of the kept sensor sets across seeds; per method "
            + "the knee: the fewest sensors whose MAE stays within the sweep's tolerance of the full model's.")
    SweepReport get(@PathVariable String id) {
        return sweeps.report(id);
    }

    @GetMapping(value = "/{id}/backtest", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The report over the range")
    @ApiResponse(responseCode = "409", description = "No model of the sweep has finished yet")
    @ApiResponse(responseCode = "429", description = "Too many backtests at once; Retry-After")
    @Operation(operationId = "backtestSweep",
            summary = "Compare a sweep over a range of steps", description = "Backtests every finished model of the sweep "
            + "over forecast steps [from, to) of its dataset, one model after another, and returns the sweep's report with "
            + "those metrics in place of the test split's (default range: the test split, which gives the report's own "
            + "figures). Ask for application/x-ndjson to follow its progress. 409 while no model has finished.")
    SweepBacktest backtest(@PathVariable String id,
            @RequestParam(required = false) @Parameter(description = "first forecast step (default: start of the test split + 12)") Integer from,
            @RequestParam(required = false) @Parameter(description = "end step, exclusive (default: steps - 11)") Integer to) {
        SweepBacktests.Plan plan = backtests.plan(id, from, to);
        try (var slot = backtests.slot()) {
            return backtests.run(plan, new BacktestService.Listener() {
            });
        }
    }

    /** One JSON object a line: {@code header} (range, models, windows in all), {@code progress} after every batch, {@code result}. */
    @GetMapping(value = "/{id}/backtest", produces = ResponseStream.NDJSON)
    @Operation(operationId = "backtestSweep")
    void backtestStream(@PathVariable String id, @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to, HttpServletResponse response) throws IOException {
        SweepBacktests.Plan plan = backtests.plan(id, from, to); // a bad request fails here, before anything is sent
        try (var slot = backtests.slot(); ResponseStream out = ResponseStream.open(response, ResponseStream.NDJSON)) {
            out.line("header", Map.of("sweepId", id, "from", plan.from(), "to", plan.to(), "models", plan.modelIds().size(),
                    "windows", plan.windows()));
            SweepBacktest result = backtests.run(plan, new BacktestService.Listener() {
                @Override
                public void progress(int done, int total) {
                    out.line("progress", Map.of("done", done, "total", total));
                    out.flush();
                }
            });
            out.line("result", Map.of("result", result));
        }
    }
}
