package io.prunegcrn.dataset;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.prunegcrn.security.SecurityConfig;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.system.ResourceNotFoundException;

@WebMvcTest(DatasetController.class)
@Import(SecurityConfig.class)
class DatasetControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private DatasetCatalog catalog;

    @MockitoBean
    private DatasetUsers users;

    private static final TrafficDataset SMALL = new TrafficDataset("small", "two sensors",
            new TrafficSeries(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5, List.of("a", "b")), List.of(), List.of());

    @Test
    void listsDatasetsWithTheirSize() throws Exception {
        given(catalog.list()).willReturn(List.of(new DatasetInfo("small", "two sensors", "s.csv", 0, false, false, Instant.now(), false, null, null)));
        given(catalog.get("small")).willReturn(SMALL);

        mvc.perform(get("/api/v1/datasets"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value("small"))
                .andExpect(jsonPath("$.items[0].sensors").value(2))
                .andExpect(jsonPath("$.items[0].steps").value(5))
                .andExpect(jsonPath("$.items[0].stepMinutes").value(5))
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void anUnknownDatasetIs404() throws Exception {
        given(catalog.info("nope")).willThrow(new ResourceNotFoundException("dataset", "nope"));

        mvc.perform(get("/api/v1/datasets/nope"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("no dataset with id 'nope'"));
    }

    @Test
    void aBadFileIs400WithFileAndLine() throws Exception {
        given(catalog.add(any())).willThrow(new DatasetFormatException("s.csv", 3, "has 1 values, the header names 2 sensors"));

        mvc.perform(multipart("/api/v1/datasets").file(new MockMultipartFile("series", "s.csv", "text/csv", "a,b\n1,2\n3\n".getBytes()))
                .param("id", "small"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.file").value("s.csv"))
                .andExpect(jsonPath("$.line").value(3));
    }

    @Test
    void aNegativeChannelIs400BeforeAnythingIsStored() throws Exception {
        mvc.perform(multipart("/api/v1/datasets").file(new MockMultipartFile("series", "s.npz", "application/octet-stream", new byte[8]))
                .param("id", "small").param("channel", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("channel"));
        verifyNoInteractions(catalog);
    }

    @Test
    void anUploadPassesItsHeaderModeAndStepLengthToTheCatalog() throws Exception {
        org.mockito.ArgumentCaptor<DatasetCatalog.Upload> upload = org.mockito.ArgumentCaptor.forClass(DatasetCatalog.Upload.class);
        given(catalog.add(upload.capture())).willReturn(null);
        given(catalog.info("hourly")).willReturn(new DatasetInfo("hourly", "", "series.csv", 0, false, false, Instant.now(), false,
                CsvHeader.FALSE, 60));
        given(catalog.get("hourly")).willReturn(new TrafficDataset("hourly", "", SMALL.series(), List.of(), List.of(), 60));

        mvc.perform(multipart("/api/v1/datasets").file(new MockMultipartFile("series", "s.csv", "text/csv", "1,2\n3,4\n".getBytes()))
                .param("id", "hourly").param("header", "false").param("stepMinutes", "60"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stepMinutes").value(60));
        org.assertj.core.api.Assertions.assertThat(upload.getValue().header()).isEqualTo(CsvHeader.FALSE);
        org.assertj.core.api.Assertions.assertThat(upload.getValue().stepMinutes()).isEqualTo(60);
    }

    @Test
    void aBadHeaderModeOrStepLengthIs400NamingTheField() throws Exception {
        MockMultipartFile file = new MockMultipartFile("series", "s.csv", "text/csv", "a,b\n1,2\n".getBytes());
        mvc.perform(multipart("/api/v1/datasets").file(file).param("id", "x").param("header", "maybe"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("header"));
        mvc.perform(multipart("/api/v1/datasets").file(file).param("id", "x").param("stepMinutes", "0"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("stepMinutes"));
        verifyNoInteractions(catalog);
    }

    @Test
    void deletingADatasetInUseIs409() throws Exception {
        willThrow(new ResourceConflictException("dataset 'small' is used by a queued or running job"))
                .given(catalog).delete(eq("small"), any());

        mvc.perform(delete("/api/v1/datasets/small")).andExpect(status().isConflict());
    }
}
