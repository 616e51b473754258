package io.prunegcrn.report;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models")
class DecisionReportController {

    private final DecisionReportService reports;

    DecisionReportController(DecisionReportService reports) {
        this.reports = reports;
    }

    @GetMapping(value = "/{id}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getDecisionReport",
            summary = "The decision report", description = "In one place: the budget and the sensors kept (with coordinates), the "
            + "cost in test MAE against the full model of the same dataset, the error at every sensor, the must-keep and "
            + "must-drop sensors it was trained with, and the failure curve once computed. Ask for text/html for a printable "
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
