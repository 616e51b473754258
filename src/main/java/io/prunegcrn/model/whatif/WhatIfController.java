package io.prunegcrn.model.whatif;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.prunegcrn.job.TrainingJob;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "What-if", description = "A model reading another set of sensors")
class WhatIfController {

    private final WhatIfService whatIfs;

    WhatIfController(WhatIfService whatIfs) {
        this.whatIfs = whatIfs;
    }

    record WhatIfRequest(
            @NotNull @Schema(description = "The sensors the model reads, by id; every other sensor is switched off",
                    example = "[\"773869\", \"767541\"]") List<String> keep,
            @Schema(description = "first forecast step (default: start of the test split + 12)") Integer from,
            @Schema(description = "end step, exclusive (default: steps - 11)") Integer to,
            @Schema(description = "Instead of evaluating: fine-tune the model on exactly these sensors") FineTune fineTune) {
    }

    record FineTune(@Schema(description = "Epochs of fine-tuning", example = "5", minimum = "1") Integer epochs) {
    }

    @PostMapping("/{id}/what-if")
    @Operation(operationId = "whatIf",
            summary = "What if only these sensors were read", description = "The model's MAE, RMSE and MAPE per horizon and its "
            + "error at each sensor when it reads exactly the sensors of keep (the others read as switched off, as in "
            + "training), over a range of steps (default: the test split). With the model's own retained set it gives the "
            + "model's test metrics. With fineTune, starts a training job instead (202 + Location) that trains the model on "
            + "exactly those sensors from its weights; its model gets the job's id.",
            responses = {@ApiResponse(responseCode = "200", description = "the metrics of the set",
                    content = @Content(schema = @Schema(implementation = WhatIf.class))),
                    @ApiResponse(responseCode = "202", description = "the fine-tuning job, queued",
                            content = @Content(schema = @Schema(implementation = TrainingJob.class)))})
    ResponseEntity<?> whatIf(@PathVariable String id, @Validated @RequestBody WhatIfRequest request) {
        if (request.fineTune() != null) {
            TrainingJob job = whatIfs.fineTune(id, request.keep(), request.fineTune().epochs());
            return ResponseEntity.accepted().location(URI.create("/api/v1/training-jobs/" + job.id())).body(job);
        }
        return ResponseEntity.ok(whatIfs.evaluate(id, request.keep(), request.from(), request.to()));
    }
}
