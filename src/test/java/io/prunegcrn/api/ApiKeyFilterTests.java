package io.prunegcrn.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.job.JobEvents;
import io.prunegcrn.job.JobStatus;
import io.prunegcrn.job.TrainingJobService;

@WebMvcTest(TrainingJobController.class)
@EnableConfigurationProperties(PruneGcrnProperties.class)
@TestPropertySource(properties = "prunegcrn.api-key=s3cret")
class ApiKeyFilterTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private TrainingJobService jobs;

    @MockitoBean
    private JobEvents events;

    private static final String BODY = "{\"datasetId\":\"los-loop\",\"gamma\":0.5}";

    @Test
    void aMutatingRequestWithoutTheKeyIsUnauthorized() throws Exception {
        mvc.perform(post("/api/v1/training-jobs").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("Unauthorized"));
    }

    @Test
    void aWrongKeyIsUnauthorized() throws Exception {
        mvc.perform(post("/api/v1/training-jobs").header("X-API-Key", "guess").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theRightKeyPasses() throws Exception {
        given(jobs.submit(any(), any(), any())).willReturn(TrainingJobControllerTests.job("job-9", JobStatus.QUEUED));

        mvc.perform(post("/api/v1/training-jobs").header("X-API-Key", "s3cret").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isAccepted());
    }

    @Test
    void readsStayOpen() throws Exception {
        given(jobs.list(null, null)).willReturn(List.of());

        mvc.perform(get("/api/v1/training-jobs")).andExpect(status().isOk());
    }
}
