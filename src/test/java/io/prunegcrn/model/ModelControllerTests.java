package io.prunegcrn.model;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.security.SecurityConfig;
import io.prunegcrn.system.ResourceNotFoundException;
import io.prunegcrn.training.TrainingOutcome;

@WebMvcTest(ModelController.class)
@Import(SecurityConfig.class)
class ModelControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelRepository models;

    @MockitoBean
    private ForecastService forecasts;

    @MockitoBean
    private DatasetCatalog datasets;

    /** Four sensors, three kept; two of the kept share a raw value. */
    private static final ModelMetadata MODEL = new ModelMetadata("m1", "gone", Instant.parse("2026-01-01T00:00:00Z"),
            List.of("a", "b", "c", "d"), null, null, new ZScore(50, 10),
            new TrainingOutcome(new float[] { 1, 0, 1, 1 }, new float[] { 0.7f, 0.2f, 0.9f, 0.7f }, 3, 4, 5.5, List.of(), null, 60), 15);

    @Test
    void retainedSensorsAreRankedByRawValueThenIndex() throws Exception {
        given(models.metadata("m1")).willReturn(MODEL);
        given(datasets.find("gone")).willReturn(Optional.empty());

        mvc.perform(get("/api/v1/models/m1/retained-nodes"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sensorsKept").value(3))
                .andExpect(jsonPath("$.budget").value(3))
                .andExpect(jsonPath("$.retained[*].sensorId").value(org.hamcrest.Matchers.contains("c", "a", "d")))
                .andExpect(jsonPath("$.retained[0].rank").value(1))
                .andExpect(jsonPath("$.retained[0].latitude").doesNotExist());
    }

    /** A model of a dataset, method and γ with a test MAE, trained on 15-minute steps. */
    private static ModelMetadata model(String id, String dataset, io.prunegcrn.training.SelectionMethod method, double gamma) {
        io.prunegcrn.evaluation.ForecastMetrics.HorizonMetrics avg = new io.prunegcrn.evaluation.ForecastMetrics.HorizonMetrics(0, 4.2, 8.1, 12.7);
        return new ModelMetadata(id, dataset, Instant.parse("2026-01-01T00:00:00Z"), List.of("a", "b"), null,
                io.prunegcrn.training.TrainingConfig.defaults(method, gamma), new ZScore(50, 10),
                new TrainingOutcome(new float[] { 1, 0 }, new float[] { 0.7f, 0.2f }, 1, 4, 5.5, List.of(),
                        new io.prunegcrn.evaluation.ForecastMetrics(List.of(avg), avg, 0), 60), 15);
    }

    @Test
    void modelsAreListedAPageAtATimeFilteredByDatasetMethodAndGamma() throws Exception {
        given(models.list()).willReturn(List.of(model("m1", "city", io.prunegcrn.training.SelectionMethod.PRUNEGCRN, 0.25),
                model("m2", "city", io.prunegcrn.training.SelectionMethod.RANDOM, 0.25),
                model("m3", "town", io.prunegcrn.training.SelectionMethod.PRUNEGCRN, 0.25),
                model("m4", "city", io.prunegcrn.training.SelectionMethod.PRUNEGCRN, 0.5)));

        mvc.perform(get("/api/v1/models").param("datasetId", "city").param("method", "prunegcrn").param("gamma", "0.25"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains("m1")))
                .andExpect(jsonPath("$.items[0].stepMinutes").value(15))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/v1/models").param("datasetId", "city").param("size", "2"))
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains("m1", "m2")))
                .andExpect(jsonPath("$.total").value(3));
    }

    @Test
    void theMaskListsEverySensor() throws Exception {
        given(models.metadata("m1")).willReturn(MODEL);

        mvc.perform(get("/api/v1/models/m1/mask"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sensors.length()").value(4))
                .andExpect(jsonPath("$.sensors[1].kept").value(false))
                .andExpect(jsonPath("$.sensors[1].raw").value(0.2));
    }

    @Test
    void anUnknownModelIs404() throws Exception {
        given(models.metadata("nope")).willThrow(new ResourceNotFoundException("model", "nope"));

        mvc.perform(get("/api/v1/models/nope")).andExpect(status().isNotFound());
    }

    @Test
    void aForecastRequestWithoutReadingsIs400() throws Exception {
        mvc.perform(post("/api/v1/models/m1/forecast").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("readings"));
        verifyNoInteractions(forecasts);
    }
}
