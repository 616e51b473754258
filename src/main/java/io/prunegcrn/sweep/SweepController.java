package io.prunegcrn.sweep;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/sweeps")
@Tag(name = "Sweeps", description = "Compare sensor selection methods over gamma values and seeds")
class SweepController {

    private final SweepService sweeps;

    SweepController(SweepService sweeps) {
        this.sweeps = sweeps;
    }

    record SweepRequest(@NotBlank @Schema(example = "los-loop") String datasetId,
            @NotEmpty @Size(max = 20) @Schema(example = "[0.25]") List<Double> gammas,
            @Schema(example = "[\"prunegcrn\", \"random\", \"correlation\"]") List<SelectionMethod> methods,
            @Schema(example = "[1, 2, 3]") @Size(max = 20) List<Long> seeds,
            @Schema(example = "5", minimum = "1") Integer epochs,
            Integer hiddenUnits, Integer embedDim, Integer batchSize,
            Double learningRate, Double maskLearningRate, Integer warmupEpochs, Integer pruneEpochs,
            @DecimalMin("0") @Schema(description = "The knee of a method is the fewest sensors whose test MAE is at most "
                    + "(1 + kneeTolerance) x the full model's", example = "0.05") Double kneeTolerance) {
    }

    @PostMapping
    @Operation(operationId = "startSweep",
            summary = "Start a sweep", description = "One training job per method x gamma x seed (the full baseline once per "
            + "seed at gamma 1), all with the same epochs.")
    ResponseEntity<Sweep> start(@Validated @RequestBody SweepRequest r) {
        for (Double g : r.gammas()) {
            TrainingConfig.requireGamma("gammas", g == null ? Double.NaN : g);
        }
        List<SelectionMethod> methods = r.methods() == null || r.methods().isEmpty()
                ? List.of(SelectionMethod.PRUNEGCRN, SelectionMethod.RANDOM, SelectionMethod.CORRELATION) : r.methods();
        List<Long> seeds = r.seeds() == null || r.seeds().isEmpty() ? List.of(1L) : r.seeds();
        TrainingConfig template = TrainingConfig.builder(SelectionMethod.PRUNEGCRN, 1.0).epochs(r.epochs())
                .batchSize(r.batchSize()).learningRate(r.learningRate()).maskLearningRate(r.maskLearningRate())
                .network(r.hiddenUnits(), r.embedDim()).maskSchedule(r.warmupEpochs(), r.pruneEpochs()).build();
        Sweep sweep = sweeps.start(r.datasetId(), r.gammas(), methods, seeds, template,
                Objects.requireNonNullElse(r.kneeTolerance(), Sweep.DEFAULT_KNEE_TOLERANCE));
        return ResponseEntity.accepted().location(URI.create("/api/v1/sweeps/" + sweep.id())).body(sweep);
    }

    @GetMapping
    @Operation(operationId = "listSweeps", summary = "List sweeps")
    List<Sweep> list() {
        return sweeps.list();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getSweep",
            summary = "Sweep results", description = "Per method and gamma: sensors kept, test MAE/RMSE/MAPE averaged over "
            + "seeds (with the MAE's spread), and the Jaccard stability of the kept sensor sets across seeds; per method "
            + "the knee: the fewest sensors whose MAE stays within the sweep's tolerance of the full model's.")
    SweepReport get(@PathVariable String id) {
        return sweeps.report(id);
    }
}
