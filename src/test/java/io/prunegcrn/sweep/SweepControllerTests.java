package io.prunegcrn.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.prunegcrn.model.backtest.BacktestService;
import io.prunegcrn.security.SecurityConfig;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.system.ResourceNotFoundException;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;

@WebMvcTest(SweepController.class)
@Import(SecurityConfig.class)
class SweepControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private SweepService sweeps;

    @MockitoBean
    private SweepBacktests backtests;

    @MockitoBean
    private SweepEventStream events;

    @Test
    void startingASweepAnswers202WithTheThreeMethodsByDefault() throws Exception {
        given(sweeps.start(any())).willReturn(new Sweep("sweep-1", "los-loop",
                List.of(0.25), List.of(SelectionMethod.PRUNEGCRN), List.of(1L), 5, List.of("job-1"), Instant.now(), 0.05));

        mvc.perform(post("/api/v1/sweeps").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gammas\":[0.25],\"epochs\":5}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/sweeps/sweep-1"))
                .andExpect(jsonPath("$.id").value("sweep-1"));

        ArgumentCaptor<SweepSpec> spec = ArgumentCaptor.forClass(SweepSpec.class);
        then(sweeps).should().start(spec.capture());
        assertThat(spec.getValue().datasetId()).isEqualTo("los-loop");
        assertThat(spec.getValue().gammas()).containsExactly(0.25);
        assertThat(spec.getValue().seeds()).containsExactly(1L);
        assertThat(spec.getValue().methods())
                .containsExactly(SelectionMethod.PRUNEGCRN, SelectionMethod.RANDOM, SelectionMethod.FORECAST_GREEDY);
        assertThat(spec.getValue().forecasters()).containsExactly(Forecaster.NETWORK);
        assertThat(spec.getValue().warmStart()).isEqualTo("auto");
        assertThat(spec.getValue().kneeTolerance()).isEqualTo(0.05);
        assertThat(spec.getValue().template().settings().epochs()).isEqualTo(5);
    }

    @Test
    void aSweepTakesEveryTrainingSettingAJobTakes() throws Exception {
        given(sweeps.start(any())).willReturn(new Sweep("sweep-2", "los-loop",
                List.of(0.25), List.of(SelectionMethod.RANDOM), List.of(1L), 5, List.of("job-1"), Instant.now(), 0.05));

        mvc.perform(post("/api/v1/sweeps").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gammas\":[0.25],\"epochs\":5,\"patience\":3,\"chebK\":3}"))
                .andExpect(status().isAccepted());

        ArgumentCaptor<SweepSpec> spec = ArgumentCaptor.forClass(SweepSpec.class);
        then(sweeps).should().start(spec.capture());
        assertThat(spec.getValue().template().settings().patience()).isEqualTo(3);
        assertThat(spec.getValue().template().settings().chebK()).isEqualTo(3);
    }

    @Test
    void anInvalidSettingInASweepIsA400NamingTheField() throws Exception {
        mvc.perform(post("/api/v1/sweeps").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gammas\":[0.25],\"patience\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("patience"));
        then(sweeps).shouldHaveNoInteractions();
    }

    @Test
    void aGammaOutsideTheUnitIntervalIs400() throws Exception {
        mvc.perform(post("/api/v1/sweeps").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gammas\":[0.25, 1.5]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("gammas"));
        verifyNoInteractions(sweeps);
    }

    @Test
    void aNegativeKneeToleranceIs400() throws Exception {
        mvc.perform(post("/api/v1/sweeps").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\":\"los-loop\",\"gammas\":[0.25],\"kneeTolerance\":-0.1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("kneeTolerance"));
        verifyNoInteractions(sweeps);
    }

    @Test
    void anUnknownSweepIs404() throws Exception {
        given(sweeps.report("nope")).willThrow(new ResourceNotFoundException("sweep", "nope"));

        mvc.perform(get("/api/v1/sweeps/nope")).andExpect(status().isNotFound());
    }

    @Test
    void aSweepBacktestStreamsItsProgressOverAllModelsThenTheReport() throws Exception {
        Sweep sweep = new Sweep("sweep-1", "los-loop", List.of(0.25), List.of(SelectionMethod.PRUNEGCRN), List.of(1L, 2L), 5,
                List.of("job-1", "job-2"), Instant.now(), 0.05);
        SweepBacktests.Plan plan = new SweepBacktests.Plan(sweep, 1000, 1010, List.of("m1", "m2"));
        given(backtests.plan("sweep-1", 1000, 1010)).willReturn(plan);
        given(backtests.run(eq(plan), any())).willAnswer(call -> {
            BacktestService.Listener progress = call.getArgument(1);
            progress.progress(10, 20);
            progress.progress(20, 20);
            return new SweepBacktest("sweep-1", 1000, 1010, 10, 2, 0.5,
                    new SweepReport(sweep, SweepProgress.of(List.of(), 0, 1), List.of(), null, null, List.of(), List.of(),
                            SweepFigures.Figures.NONE));
        });

        String body = mvc.perform(get("/api/v1/sweeps/sweep-1/backtest").param("from", "1000").param("to", "1010")
                        .accept("application/x-ndjson"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", startsWith("application/x-ndjson")))
                .andReturn().getResponse().getContentAsString();

        List<String> lines = body.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("\"type\":\"header\"", "\"models\":2", "\"windows\":20");
        assertThat(lines.get(1)).contains("\"type\":\"progress\"", "\"done\":10", "\"total\":20");
        assertThat(lines.get(3)).contains("\"type\":\"result\"", "\"windows\":10", "\"models\":2", "\"report\":{");
    }

    @Test
    void aSweepBacktestOutsideTheSeriesIs400AndWithoutAFinishedModel409() throws Exception {
        given(backtests.plan("sweep-1", 5000, null)).willThrow(new IllegalArgumentException("from: must be in [12, 2004]"));
        given(backtests.plan("sweep-2", null, null)).willThrow(new ResourceConflictException("sweep sweep-2 has no finished model"));

        mvc.perform(get("/api/v1/sweeps/sweep-1/backtest").param("from", "5000").accept("application/x-ndjson"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/v1/sweeps/sweep-2/backtest")).andExpect(status().isConflict());
        then(backtests).should(never()).run(any(), any());
    }
}
