package io.prunegcrn.job;

import java.net.URI;
import java.util.List;

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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/training-jobs")
@Tag(name = "Training jobs", description = "Train a model per dataset and gamma, and watch it train")
class TrainingJobController {

    private final TrainingJobService jobs;
    private final JobEventStream events;

    TrainingJobController(TrainingJobService jobs, JobEventStream events) {
        this.jobs = jobs;
        this.events = events;
    }

    @PostMapping
    @Operation(operationId = "startTrainingJob",
            summary = "Start a training job", description = "Queues the job (202 with Location). The queue is bounded: when it "
            + "is full the answer is 429 with Retry-After. The model that a succeeded job produces has the job's id.")
    ResponseEntity<TrainingJob> start(@Validated @RequestBody TrainingJobRequest request) {
        TrainingJob job = jobs.submit(request.datasetId(), request.toConfig(), null);
        return ResponseEntity.accepted().location(URI.create("/api/v1/training-jobs/" + job.id())).body(job);
    }

    @GetMapping
    @Operation(operationId = "listTrainingJobs",
            summary = "List training jobs", description = "Newest first; filter by dataset and status.")
    List<TrainingJob> list(@RequestParam(required = false) String datasetId, @RequestParam(required = false) JobStatus status) {
        return jobs.list(datasetId, status);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getTrainingJob",
            summary = "Get a training job", description = "Status, progress (epoch, batch, losses, sensors kept, mask flips, "
            + "elapsed, ETA), the training curve so far, and the error if it failed.")
    TrainingJob get(@PathVariable String id) {
        return jobs.get(id);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "cancelTrainingJob",
            summary = "Cancel a training job", description = "A queued job is cancelled at once, a running one before its next "
            + "batch. 409 when it has already finished.")
    TrainingJob cancel(@PathVariable String id) {
        return jobs.cancel(id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "followTrainingJob",
            summary = "Follow a training job", description = "Server-sent events: 'status' now and on every change, 'progress' "
            + "after every batch and epoch; the stream ends when the job finishes.")
    SseEmitter events(@PathVariable String id) {
        return events.subscribe(jobs.get(id));
    }
}
