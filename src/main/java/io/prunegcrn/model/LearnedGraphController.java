package io.prunegcrn.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models")
class LearnedGraphController {

    static final int MAX_NEIGHBOURS = 20;
    private final ModelRepository models;

    LearnedGraphController(ModelRepository models) {
        this.models = models;
    }

    /** @param weight the row-normalised adjacency A[from][to], in (0, 1) */
    record Edge(int from, int to, double weight) {
    }

    record LearnedGraph(String modelId, int sensors, int neighbours, List<Edge> edges) {
    }

    @GetMapping("/{id}/learned-graph")
    @Operation(operationId = "getLearnedGraph",
            summary = "The learned graph", description = "The adjacency the model learned, A = softmax(relu(E·Eᵀ)) by row, "
            + "as each sensor's strongest neighbours (indices into the sensor list). For drawing networks without coordinates.")
    LearnedGraph get(@PathVariable String id, @RequestParam(defaultValue = "3") int neighbours) {
        if (neighbours < 1 || neighbours > MAX_NEIGHBOURS) {
            throw new IllegalArgumentException("neighbours: must be between 1 and " + MAX_NEIGHBOURS + ", got " + neighbours);
        }
        float[][] a = models.model(id).learnedAdjacency();
        int n = a.length;
        int k = Math.min(neighbours, n - 1);
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int from = i;
            float[] row = a[i];
            IntStream.range(0, n).filter(j -> j != from).boxed().sorted(Comparator.comparingDouble(j -> -row[j])).limit(k)
                    .forEach(j -> edges.add(new Edge(from, j, row[j])));
        }
        return new LearnedGraph(id, n, k, edges);
    }
}
