package io.prunegcrn.job;

import java.net.URI;
import java.time.Instant;

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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.prunegcrn.system.Page;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingProgress;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

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
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "Queued; Location names the job")
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still running")
    @ApiResponse(responseCode = "422", description = "This Idempotency-Key came before with another body")
    @ApiResponse(responseCode = "429", description = "The training queue is full; Retry-After says when to try again")
    @Operation(operationId = "startTrainingJob",
            summary = "Start a training job", description = "Queues the job (202 with Location). The queue is bounded: when it "
            + "is full the answer is 429 with Retry-After. The model that a succeeded job produces has the job's id.")
    ResponseEntity<TrainingJob> start(@Validated @RequestBody TrainingJobRequest request) {
        TrainingJob job = jobs.submit(request.datasetId(), request.toConfig(), null);
        return ResponseEntity.accepted().location(URI.create("/api/v1/training-jobs/" + job.id())).body(job);
    }

    /** A job in a list: everything but the training curve ({@code epochs} says how long it is). */
    record JobSummary(String id, String datasetId, TrainingConfig config, JobStatus status, TrainingProgress progress,
            int epochs, String error, Instant createdAt, Instant startedAt, Instant finishedAt, String modelId, String sweepId) {

        static JobSummary of(TrainingJob j) {
            return new JobSummary(j.id(), j.datasetId(), j.config(), j.status(), j.progress(), j.curve().size(), j.error(),
                    j.createdAt(), j.startedAt(), j.finishedAt(), j.modelId(), j.sweepId());
        }
    }

    @GetMapping
    @Operation(operationId = "listTrainingJobs",
            summary = "List training jobs", description = "Newest first, a page at a time; filter by dataset and status. "
            + "Without training curves (GET /training-jobs/{id} has them).")
    Page<JobSummary> list(@RequestParam(required = false) String datasetId, @RequestParam(required = false) JobStatus status,
            @RequestParam(required = false) @Parameter(description = "0 = the first page") Integer page,
            @RequestParam(required = false) @Parameter(description = "items per page (1 to 500, default 50)") Integer size) {
        return Page.of(jobs.list(datasetId, status).stream().map(JobSummary::of).toList(), page, size);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getTrainingJob",
            summary = "Get a training job", description = "Status, progress (epoch, batch, losses, sensors kept, mask flips, "
            + "elapsed, ETA), the training curve so far, and the error if it failed.")
    TrainingJob get(@PathVariable String id) {
        return jobs.get(id);
    }

    @DeleteMapping("/{id}")
    @ApiResponse(responseCode = "200", description = "Cancelled (or cancelling): the job as it is now")
    @ApiResponse(responseCode = "204", description = "The finished job's record is deleted")
    @ApiResponse(responseCode = "409", description = "It finished while it was cancelled, or it belongs to a sweep")
    @Operation(operationId = "cancelTrainingJob",
            summary = "Cancel a training job, or delete a finished one's record", description = "A queued job is cancelled at "
            + "once, a running one before its next batch: 200 with the job as it is then (CANCELLED, or still RUNNING until "
            + "its batch ends). A finished job's record (with its log and checkpoint; not its model) is deleted: 204. 409 for "
            + "a job of a sweep (delete the sweep).")
    ResponseEntity<TrainingJob> cancel(@PathVariable String id) {
        if (!jobs.get(id).status().finished()) {
            return ResponseEntity.ok(jobs.cancel(id));
        }
        jobs.deleteRecord(id, null);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "followTrainingJob",
            summary = "Follow a training job", description = "Server-sent events: 'status' now and on every change, 'progress' "
            + "after every batch and epoch, a comment line (':heartbeat') every 10 s so that proxies keep the stream open "
            + "while the job waits; the stream ends when the job finishes.")
    SseEmitter events(@PathVariable String id, HttpServletResponse response) {
        return events.subscribe(jobs.get(id), response);
    }
}
