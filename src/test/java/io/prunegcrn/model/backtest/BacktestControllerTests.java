package io.prunegcrn.model.backtest;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.model.ForecastProperties;
import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.system.ResourceNotFoundException;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingOutcome;

/**
 * The backtest endpoint's checks: a range outside the series, a batch over the cap and simulated failures that cannot
 * be are 400 problem details naming the parameter.
 */
@WebMvcTest(BacktestController.class)
@Import({ BacktestService.class, io.prunegcrn.model.ComputePools.class, io.micrometer.core.instrument.simple.SimpleMeterRegistry.class })
@EnableConfigurationProperties({PruneGcrnProperties.class, ForecastProperties.class})
@TestPropertySource(properties = {"prunegcrn.forecast.backtest.batch-size=16", "prunegcrn.forecast.backtest.max-batch-size=32"})
class BacktestControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelRepository models;

    @MockitoBean
    private DatasetCatalog datasets;

    @MockitoBean
    private FailureCurveService failureCurves;

    /** 200 steps, lag 12, horizon 12: forecast steps t in [12, 189); the test split starts at step 160. */
    @BeforeEach
    void aModelOnTwoHundredSteps() {
        List<String> ids = List.of("a", "b", "c");
        NetworkShape shape = new NetworkShape(3, 1, 4, 1, 2, 2, 12, 12);
        ModelMetadata meta = new ModelMetadata("m1", "d1", Instant.EPOCH, ids, shape,
                TrainingConfig.defaults(SelectionMethod.PRUNEGCRN, 1.0), new ZScore(0, 1),
                new TrainingOutcome(new float[] {1, 1, 1}, new float[] {1, 1, 1}, 3, 1, 0, new ArrayList<>(), null, 0), null);
        given(models.metadata("m1")).willReturn(meta);
        given(models.metadata("nope")).willThrow(new ResourceNotFoundException("model", "nope"));
        given(datasets.get("d1")).willReturn(new TrafficDataset("d1", "", new TrafficSeries(new float[600], 200, ids), List.of(), List.of()));
    }

    @Test
    void aRangeThatStartsBeforeTheFirstWholeWindowIs400NamingFrom() throws Exception {
        mvc.perform(get("/api/v1/models/m1/backtest").param("from", "5"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.field").value("from"))
                .andExpect(jsonPath("$.detail", containsString("[12, 188]")));
    }

    @Test
    void aRangeThatRunsPastTheSeriesIs400NamingTo() throws Exception {
        mvc.perform(get("/api/v1/models/m1/backtest").param("from", "20").param("to", "190"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("to"))
                .andExpect(jsonPath("$.detail", containsString("[21, 189]")));
    }

    @Test
    void anEmptyRangeIs400() throws Exception {
        mvc.perform(get("/api/v1/models/m1/backtest").param("from", "30").param("to", "30"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("to"));
    }

    @Test
    void aBatchOverTheConfiguredCapIs400EvenWhenTheForecastsAreStreamed() throws Exception {
        mvc.perform(get("/api/v1/models/m1/backtest").param("batchSize", "33").accept("application/x-ndjson"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.field").value("batchSize"))
                .andExpect(jsonPath("$.detail", containsString("[1, 32]")));
        mvc.perform(get("/api/v1/models/m1/backtest").param("batchSize", "0").accept("text/csv"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("batchSize"));
    }

    @Test
    void aStepThatIsNotANumberIs400() throws Exception {
        mvc.perform(get("/api/v1/models/m1/backtest").param("from", "soon"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"));
    }

    @Test
    void anUnknownModelIs404() throws Exception {
        mvc.perform(get("/api/v1/models/nope/backtest"))
                .andExpect(status().isNotFound());
    }

    @Test
    void failuresThatCannotBeAre400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/v1/models/m1/backtest").param("failRate", "1.5"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("failRate"));
        mvc.perform(get("/api/v1/models/m1/backtest").param("failRate", "many"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("failRate"));
        mvc.perform(get("/api/v1/models/m1/backtest").param("failed", "a,zz").accept("application/x-ndjson"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("failed"))
                .andExpect(jsonPath("$.detail", containsString("[zz]")));
        mvc.perform(get("/api/v1/models/m1/backtest").param("failed", "a").param("failRate", "0.5"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("failed"));
        mvc.perform(get("/api/v1/models/m1/failure-curve").param("draws", "0").accept("application/x-ndjson"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("draws"));
    }
}
