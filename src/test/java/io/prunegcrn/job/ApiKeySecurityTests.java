package io.prunegcrn.job;

import static org.mockito.ArgumentMatchers.any;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.security.SecurityConfig;

@WebMvcTest(TrainingJobController.class)
@EnableConfigurationProperties(PruneGcrnProperties.class)
@Import(SecurityConfig.class)
@TestPropertySource(properties = { "prunegcrn.api-key=s3cret", "prunegcrn.api-keys=next-key, third-key" })
class ApiKeySecurityTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private TrainingJobService jobs;

    @MockitoBean
    private JobEventStream events;

    private static final String BODY = "{\"datasetId\":\"los-loop\",\"gamma\":0.5}";

    @Test
    void aMutatingRequestWithoutTheKeyIsUnauthorized() throws Exception {
        mvc.perform(post("/api/v1/training-jobs").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", containsString("header=\"X-API-Key\"")))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.status").value(401));
        verifyNoInteractions(jobs);
    }

    @Test
    void aWrongKeyIsUnauthorized() throws Exception {
        mvc.perform(post("/api/v1/training-jobs").header("X-API-Key", "guess").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("the API key in X-API-Key is not valid"));
        mvc.perform(post("/api/v1/training-jobs").header("X-API-Key", "s3cre").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(jobs);
    }

    @Test
    void everyConfiguredKeyPassesSoAKeyCanBeRotated() throws Exception {
        given(jobs.submit(any(), any(), any())).willReturn(TrainingJobControllerTests.job("job-9", JobStatus.QUEUED));

        for (String key : new String[] { "s3cret", "next-key", "third-key" }) {
            mvc.perform(post("/api/v1/training-jobs").header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON).content(BODY))
                    .andExpect(status().isAccepted());
        }
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
