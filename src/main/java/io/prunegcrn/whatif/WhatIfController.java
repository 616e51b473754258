package io.prunegcrn.whatif;

import java.util.List;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
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
            @Schema(description = "end step, exclusive (default: steps - 11)") Integer to) {
    }

    @PostMapping("/{id}/what-if")
    @Operation(operationId = "whatIf",
            summary = "What if only these sensors were read", description = "The model's MAE, RMSE and MAPE per horizon and its "
            + "error at each sensor when it reads exactly the sensors of keep (the others read as switched off, as in "
            + "training), over a range of steps (default: the test split). With the model's own retained set it gives the "
            + "model's test metrics.")
    WhatIf whatIf(@PathVariable String id, @Validated @RequestBody WhatIfRequest request) {
        return whatIfs.evaluate(id, request.keep(), request.from(), request.to());
    }
}
