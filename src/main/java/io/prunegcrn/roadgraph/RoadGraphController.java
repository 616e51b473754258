package io.prunegcrn.roadgraph;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.RoadEdge;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets")
class RoadGraphController {

    private final DatasetCatalog datasets;

    RoadGraphController(DatasetCatalog datasets) {
        this.datasets = datasets;
    }

    /** @param edges links between sensors by index into the dataset's sensor order; empty when the dataset has none */
    record RoadGraph(String datasetId, int sensors, List<RoadEdge> edges) {
    }

    @GetMapping("/{id}/road-graph")
    @Operation(operationId = "getRoadGraph",
            summary = "The road graph", description = "Road links between sensors (indices into the sensor list) and their "
            + "cost, as uploaded; empty when the dataset has none. For display and the baselines; the model learns its own graph.")
    RoadGraph get(@PathVariable String id) {
        var d = datasets.get(id);
        return new RoadGraph(id, d.series().nodes(), d.roadGraph());
    }
}
