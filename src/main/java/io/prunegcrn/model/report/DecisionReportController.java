package io.prunegcrn.model.report;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models")
class DecisionReportController {

    private final DecisionReportService reports;
    private final YardstickService yardsticks;

    DecisionReportController(DecisionReportService reports, YardstickService yardsticks) {
        this.reports = reports;
        this.yardsticks = yardsticks;
    }

    @GetMapping("/{id}/yardsticks")
    @Operation(operationId = "getYardsticks",
            summary = "Against the simplest forecaster", description = "Ridge regression (the linear forecaster, lambda on the "
            + "validation split) on exactly the model's retained sensors, and on draws random sets of as many sensors (the "
            + "model's must-keep and must-drop sensors held), over the test split, with the model's cost against both. "
            + "Stored with the model; computed on the first request for that many draws (one ridge fit per set: seconds to "
            + "a minute each at N = 207).")
    Yardsticks yardsticks(@PathVariable String id,
            @RequestParam(required = false) @Parameter(description = "random sets (default 5)") Integer draws) {
        return yardsticks.of(id, draws);
    }

    @GetMapping(value = "/{id}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getDecisionReport",
            summary = "The decision report", description = "In one place: the budget and the sensors kept (with coordinates), the "
            + "cost in test MAE against the full model of the same dataset and (once computed) against ridge regression on "
            + "the same and on random sensors, the error at every sensor, the must-keep and must-drop sensors it was trained "
            + "with, and the failure curve once computed. Ask for text/html for a printable "
            + "page with the map.")
    DecisionReport json(@PathVariable String id) {
        return reports.of(id);
    }

    @GetMapping(value = "/{id}/report", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "getDecisionReport")
    String html(@PathVariable String id) {
        return ReportPage.render(reports.of(id));
    }
}
