package io.prunegcrn.model.sensorerror;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models")
class SensorErrorController {

    private final SensorErrorService errors;

    SensorErrorController(SensorErrorService errors) {
        this.errors = errors;
    }

    @GetMapping("/{id}/sensor-errors")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Test MAE and RMSE per sensor")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409", description = "The model's dataset now has other sensors")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "429", description = "Not stored yet, and too many backtests at once; Retry-After")
    @Operation(operationId = "getSensorErrors",
            summary = "Test error per sensor", description = "MAE and RMSE of the forecast at each sensor over the test split "
            + "(all 12 horizons), kept or switched off: what switching a sensor off costs at that sensor. Computed when the "
            + "model is made; for older models on the first request (a pass over the test split, seconds to a minute).")
    SensorErrors get(@PathVariable String id) {
        return errors.of(id);
    }
}
