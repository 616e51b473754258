package io.prunegcrn.job;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.security.SecurityConfig;

/** {@code prunegcrn.security.protect-reads=true}: reading the API needs the key as well. */
@WebMvcTest(TrainingJobController.class)
@EnableConfigurationProperties(PruneGcrnProperties.class)
@Import(SecurityConfig.class)
@TestPropertySource(properties = { "prunegcrn.api-key=s3cret", "prunegcrn.security.protect-reads=true" })
class ProtectedReadsTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private TrainingJobService jobs;

    @MockitoBean
    private JobEventStream events;

    @Test
    void readsNeedTheKey() throws Exception {
        given(jobs.list(null, null)).willReturn(List.of());

        mvc.perform(get("/api/v1/training-jobs")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/training-jobs").header("X-API-Key", "s3cret")).andExpect(status().isOk());
    }
}
