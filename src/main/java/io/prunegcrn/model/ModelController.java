package io.prunegcrn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.SensorLocation;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.system.Page;
import io.prunegcrn.training.EpochRecord;
import io.prunegcrn.training.SensorMask;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingOutcome;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Trained models: metrics, the learned mask, the sensors to keep, forecasts")
class ModelController {

    private final ModelRepository models;
    private final ForecastService forecasts;
    private final DatasetCatalog datasets;

    ModelController(ModelRepository models, ForecastService forecasts, DatasetCatalog datasets) {
        this.models = models;
        this.forecasts = forecasts;
        this.datasets = datasets;
    }

    record ModelSummary(String id, String datasetId, String method, double gamma, int sensors, int sensorsKept, int budget,
            double testMae, int stepMinutes, java.time.Instant createdAt) {
    }

    /** @param stepMinutes minutes per step of its dataset: horizon h of the metrics is h × stepMinutes ahead */
    record ModelDetails(String id, String datasetId, java.time.Instant createdAt, TrainingConfig hyperparameters,
            NetworkShape network, long parameters, int sensors, int sensorsKept, int budget, int bestEpoch,
            double bestValidationMae, ForecastMetrics test, List<EpochRecord> trainingCurve, double trainingSeconds,
            int stepMinutes) {
    }

    record MaskEntry(int index, String sensorId, boolean kept, float raw) {
    }

    record Mask(String modelId, int sensorsKept, int budget, List<MaskEntry> sensors) {
    }

    record RetainedSensor(int rank, int index, String sensorId, float raw, Double latitude, Double longitude) {
    }

    record RetainedSensors(String modelId, String datasetId, int sensorsKept, int budget, int sensors,
            List<RetainedSensor> retained) {
    }

    record ForecastRequest(@NotNull @Schema(description = "The last 12 readings (oldest first) of every retained sensor, by "
            + "sensor id. A retained sensor that is left out, null, or has fewer values or a null or \"NaN\" among them has "
            + "failed: it is read as switched off and listed under degraded.",
            example = "{\"773869\": [64.1, 63.9, 64.5, 65.0, 64.8, 64.2, 63.7, 63.5, 64.0, 64.4, 64.9, 65.1]}")
            Map<String, List<Double>> readings) {
    }

    @GetMapping
    @Operation(operationId = "listModels",
            summary = "List models", description = "One per succeeded training job (same id), plus the pretrained los-loop-g025; "
            + "newest first, a page at a time, optionally only those of a dataset, a selection method or a gamma. Without "
            + "training curves (GET /models/{id} has them).")
    Page<ModelSummary> list(@RequestParam(required = false) @Parameter(example = "los-loop") String datasetId,
            @RequestParam(required = false) @Parameter(description = "selection method, e.g. prunegcrn, random, full") String method,
            @RequestParam(required = false) @Parameter(example = "0.25") Double gamma,
            @RequestParam(required = false) @Parameter(description = "0 = the first page") Integer page,
            @RequestParam(required = false) @Parameter(description = "items per page (1 to 500, default 50)") Integer size) {
        List<ModelSummary> out = new ArrayList<>();
        for (ModelMetadata m : models.list()) {
            if ((datasetId != null && !datasetId.equals(m.datasetId()))
                    || (method != null && !method.equalsIgnoreCase(m.config().method().name()))
                    || (gamma != null && Math.abs(gamma - m.config().gamma()) > 1e-9)) {
                continue;
            }
            out.add(new ModelSummary(m.id(), m.datasetId(), m.config().method().name().toLowerCase(), m.config().gamma(),
                    m.sensorIds().size(), m.sensorsKept(), m.outcome().budget(), m.outcome().test().average().mae(),
                    m.stepMinutes(), m.createdAt()));
        }
        return Page.of(out, page, size);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getModel",
            summary = "Describe a model", description = "Hyperparameters, test metrics per horizon (MAE, RMSE, MAPE over all "
            + "sensors), the training curve and the sensors kept against the budget ceil(gamma*N).")
    ModelDetails get(@PathVariable String id) {
        ModelMetadata m = models.metadata(id);
        TrainingOutcome o = m.outcome();
        return new ModelDetails(m.id(), m.datasetId(), m.createdAt(), m.config(), m.shape(), m.shape().parameterCount(),
                m.sensorIds().size(), o.sensorsKept(), o.budget(), o.bestEpoch(), o.bestValidationMae(), o.test(), o.curve(),
                o.trainingSeconds(), m.stepMinutes());
    }

    @GetMapping("/{id}/mask")
    @Operation(operationId = "getMask",
            summary = "The learned mask", description = "Binary mask (kept = the model reads this sensor) and raw mask value per sensor.")
    Mask mask(@PathVariable String id) {
        ModelMetadata m = models.metadata(id);
        SensorMask mask = m.sensorMask();
        List<MaskEntry> entries = new ArrayList<>();
        for (int i = 0; i < m.sensorIds().size(); i++) {
            entries.add(new MaskEntry(i, m.sensorIds().get(i), mask.isKept(i), mask.raw()[i]));
        }
        return new Mask(id, m.sensorsKept(), m.outcome().budget(), entries);
    }

    @GetMapping("/{id}/retained-nodes")
    @Operation(operationId = "getRetainedSensors",
            summary = "Sensors to keep", description = "The sensors the model reads, ranked by raw mask value, with coordinates "
            + "when the dataset has them. Every other sensor can be switched off.")
    RetainedSensors retained(@PathVariable String id) {
        ModelMetadata m = models.metadata(id);
        List<SensorLocation> locations = datasets.find(m.datasetId()).map(TrafficDataset::locations).orElse(List.of());
        List<Integer> kept = m.sensorMask().keptByRawValue();
        List<RetainedSensor> out = new ArrayList<>();
        for (int r = 0; r < kept.size(); r++) {
            int i = kept.get(r);
            boolean located = locations.size() == m.sensorIds().size();
            out.add(new RetainedSensor(r + 1, i, m.sensorIds().get(i), m.outcome().rawMask()[i],
                    located ? locations.get(i).latitude() : null, located ? locations.get(i).longitude() : null));
        }
        return new RetainedSensors(id, m.datasetId(), m.sensorsKept(), m.outcome().budget(), m.sensorIds().size(), out);
    }

    @GetMapping("/{id}/forecast")
    @ApiResponse(responseCode = "200", description = "The forecast")
    @ApiResponse(responseCode = "429", description = "Too many forecasts being computed; Retry-After")
    @Operation(operationId = "getForecast",
            summary = "Forecast from the dataset", description = "12-step forecast for every sensor from the dataset's readings "
            + "of steps [step-12, step); default: the latest window. Actual values are included when the dataset has them.")
    Forecast forecast(@PathVariable String id,
            @RequestParam(required = false) @io.swagger.v3.oas.annotations.Parameter(example = "2000") Integer step) {
        return forecasts.atStep(id, step);
    }

    @PostMapping("/{id}/forecast")
    @ApiResponse(responseCode = "200", description = "The forecast")
    @ApiResponse(responseCode = "429", description = "Too many forecasts being computed; Retry-After")
    @Operation(operationId = "forecastFromReadings",
            summary = "Forecast from the retained sensors' readings", description = "Send the last 12 readings of the retained "
            + "sensors only (see retained-nodes); get a forecast for every sensor. This is what a deployment that switched the "
            + "other sensors off can send. Retained sensors whose readings are missing or incomplete are read as switched off "
            + "for this forecast and listed under degraded.")
    Forecast forecastFromReadings(@PathVariable String id, @Validated @RequestBody ForecastRequest request) {
        return forecasts.fromRetainedReadings(id, request.readings());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Operation(operationId = "deleteModel", summary = "Delete a model")
    ResponseEntity<Void> delete(@PathVariable String id) {
        models.delete(id);
        return ResponseEntity.noContent().build();
    }
}
