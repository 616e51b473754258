package io.prunegcrn.job;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.security.SecurityConfig;
import io.prunegcrn.system.QueueFullException;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.system.ResourceNotFoundException;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingPhase;
import io.prunegcrn.training.TrainingProgress;

@WebMvcTest(TrainingJobController.class)
@EnableConfigurationProperties(PruneGcrnProperties.class)
@Import(SecurityConfig.class)
class TrainingJobControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private TrainingJobService jobs;

    @MockitoBean
    private JobEventStream events;

    static TrainingJob job(String id, JobStatus status) {
        return new TrainingJob(id, "los-loop", TrainingConfig.defaults(SelectionMethod.PRUNEGCRN, 0.25), status, null, List.of(),
                null, Instant.parse("2026-01-01T00:00:00Z"), null, null, null, null);
    }

    @Test
    void startingAJobAnswers202WithLocationAndTheDefaultsFilledIn() throws Exception {
        given(jobs.submit(eq("los-loop"), any(), isNull())).willAnswer(inv -> {
            TrainingConfig c = inv.getArgument(1);
            return new TrainingJob("job-1", "los-loop", c, JobStatus.QUEUED, null, List.of(), null, Instant.now(), null, null, null, null);
        });

        mvc.perform(post("/api/v1/training-jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gamma\":0.25,\"method\":\"random\",\"epochs\":3}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/training-jobs/job-1"))
                .andExpect(jsonPath("$.status").value("QUEUED"))
                .andExpect(jsonPath("$.config.method").value("random"))
                .andExpect(jsonPath("$.config.epochs").value(3))
                .andExpect(jsonPath("$.config.learningRate").value(0.003))
                .andExpect(jsonPath("$.config.batchSize").value(64));
    }

    @Test
    void gammaAboveOneIsABadRequestNamingTheField() throws Exception {
        mvc.perform(post("/api/v1/training-jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gamma\":1.5}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.field").value("gamma"))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void gammaZeroIsABadRequest() throws Exception {
        mvc.perform(post("/api/v1/training-jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gamma\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("gamma"));
    }

    @Test
    void gammaNanIsABadRequest() throws Exception {
        mvc.perform(post("/api/v1/training-jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gamma\":\"NaN\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").exists());
    }

    @Test
    void anUnknownMethodIsABadRequest() throws Exception {
        mvc.perform(post("/api/v1/training-jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gamma\":0.5,\"method\":\"magic\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        mvc.perform(post("/api/v1/training-jobs").contentType(MediaType.APPLICATION_JSON).content("{\"datasetId\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void anUnknownDatasetIsNotFound() throws Exception {
        given(jobs.submit(eq("nope"), any(), isNull())).willThrow(new ResourceNotFoundException("dataset", "nope"));

        mvc.perform(post("/api/v1/training-jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"nope\",\"gamma\":0.5}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("no dataset with id 'nope'"));
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        given(jobs.submit(any(), any(), isNull())).willThrow(new QueueFullException(16, 60));

        mvc.perform(post("/api/v1/training-jobs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gamma\":0.5}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60"));
    }

    @Test
    void deletingARunningJobCancelsItAndAnswersItsRecord() throws Exception {
        given(jobs.get("job-1")).willReturn(job("job-1", JobStatus.RUNNING));
        given(jobs.cancel("job-1")).willReturn(job("job-1", JobStatus.CANCELLED));

        mvc.perform(delete("/api/v1/training-jobs/job-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        org.mockito.Mockito.verify(jobs, org.mockito.Mockito.never()).deleteRecord(any(), any());
    }

    @Test
    void deletingAFinishedJobDeletesItsRecord() throws Exception {
        given(jobs.get("job-2")).willReturn(job("job-2", JobStatus.SUCCEEDED));

        mvc.perform(delete("/api/v1/training-jobs/job-2")).andExpect(status().isNoContent());
        org.mockito.Mockito.verify(jobs).deleteRecord("job-2", null);
    }

    @Test
    void aJobThatFinishesWhileItIsCancelledIsAConflict() throws Exception {
        given(jobs.get("job-2")).willReturn(job("job-2", JobStatus.RUNNING));
        given(jobs.cancel("job-2")).willThrow(new ResourceConflictException("training job 'job-2' has already finished (SUCCEEDED)"));

        mvc.perform(delete("/api/v1/training-jobs/job-2"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("already finished")));
    }

    @Test
    void listFiltersByDatasetAndStatus() throws Exception {
        given(jobs.list("los-loop", JobStatus.RUNNING)).willReturn(List.of(job("job-3", JobStatus.RUNNING)));

        mvc.perform(get("/api/v1/training-jobs").param("datasetId", "los-loop").param("status", "RUNNING"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value("job-3"))
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void listIsPagedWithATotalAndLeavesTheCurvesOut() throws Exception {
        io.prunegcrn.training.EpochRecord epoch = new io.prunegcrn.training.EpochRecord(1, TrainingPhase.WARMUP, 7.5, 8.1, 207, 0, true, 12.0);
        List<TrainingJob> five = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            TrainingJob j = job("job-" + i, JobStatus.SUCCEEDED);
            five.add(j.progressed(null, List.of(epoch, epoch)));
        }
        given(jobs.list(null, null)).willReturn(five);

        mvc.perform(get("/api/v1/training-jobs").param("page", "1").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains("job-3", "job-4")))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.items[0].epochs").value(2))
                .andExpect(jsonPath("$.items[0].curve").doesNotExist());
        mvc.perform(get("/api/v1/training-jobs").param("size", "0"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("size"));
        mvc.perform(get("/api/v1/training-jobs").param("page", "-1"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("page"));
    }

    @Test
    void anUnknownStatusFilterIsABadRequestNamingTheParameter() throws Exception {
        mvc.perform(get("/api/v1/training-jobs").param("status", "SLEEPING"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("status"));
    }

    @Test
    void anIdWithPathTraversalIsABadRequest() throws Exception {
        given(jobs.get("..")).willThrow(new IllegalArgumentException("invalid id '..'"));

        mvc.perform(get("/api/v1/training-jobs/.."))
                .andExpect(status().is4xxClientError());
    }

    @Test
    void aValidationMaeNotYetKnownIsSentAsNull() throws Exception {
        TrainingProgress first = new TrainingProgress(1, 5, 3, 20, TrainingPhase.WARMUP, 7.5, Double.NaN, 207, 52, 0, 12.0,
                Double.POSITIVE_INFINITY);
        given(jobs.get("job-7")).willReturn(new TrainingJob("job-7", "los-loop", TrainingConfig.defaults(SelectionMethod.PRUNEGCRN, 0.25),
                JobStatus.RUNNING, first, List.of(), null, Instant.now(), Instant.now(), null, null, null));

        mvc.perform(get("/api/v1/training-jobs/job-7"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.progress.trainLoss").value(7.5))
                .andExpect(jsonPath("$.progress.validationMae").value(nullValue()))
                .andExpect(jsonPath("$.progress.etaSeconds").value(nullValue()));
    }
}
