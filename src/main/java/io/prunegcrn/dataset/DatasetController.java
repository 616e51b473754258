package io.prunegcrn.dataset;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.prunegcrn.system.Page;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "Sensor networks and their readings")
class DatasetController {

    private final DatasetCatalog catalog;
    private final DatasetUsers users;

    DatasetController(DatasetCatalog catalog, DatasetUsers users) {
        this.catalog = catalog;
        this.users = users;
    }

    record DatasetSummary(String id, String description, int sensors, int steps, int stepMinutes, boolean bundled) {
    }

    record Split(int trainSteps, int validationSteps, int testSteps) {
    }

    record Sensor(int index, String sensorId, Double latitude, Double longitude) {
    }

    record DatasetDetails(String id, String description, int sensors, int steps, int stepMinutes, Split split,
            boolean bundled, int roadEdges, List<Sensor> sensorList) {
    }

    @GetMapping
    @Operation(operationId = "listDatasets",
            summary = "List datasets", description = "The bundled Los-loop dataset (id los-loop) first, then every upload, "
            + "a page at a time.")
    Page<DatasetSummary> list(@RequestParam(required = false) @Parameter(description = "0 = the first page") Integer page,
            @RequestParam(required = false) @Parameter(description = "items per page (1 to 500, default 50)") Integer size) {
        List<DatasetSummary> out = new ArrayList<>();
        for (DatasetInfo info : catalog.list()) {
            TrafficDataset d = catalog.get(info.id());
            out.add(new DatasetSummary(info.id(), info.description(), d.series().nodes(), d.series().steps(), d.stepMinutes(),
                    info.bundled()));
        }
        return Page.of(out, page, size);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getDataset",
            summary = "Describe a dataset", description = "Sensors (with coordinates when known), steps, minutes per step and the "
            + "6:2:2 split.")
    DatasetDetails get(@PathVariable @Parameter(example = "los-loop") String id) {
        DatasetInfo info = catalog.info(id);
        TrafficDataset d = catalog.get(id);
        ChronologicalSplit split = ChronologicalSplit.of(d.series().steps());
        List<Sensor> sensors = new ArrayList<>();
        for (int i = 0; i < d.series().nodes(); i++) {
            boolean located = !d.locations().isEmpty();
            sensors.add(new Sensor(i, d.series().sensorIds().get(i), located ? d.locations().get(i).latitude() : null,
                    located ? d.locations().get(i).longitude() : null));
        }
        return new DatasetDetails(id, info.description(), d.series().nodes(), d.series().steps(), d.stepMinutes(),
                new Split(split.trainSteps(), split.validationSteps(), split.testSteps()), info.bundled(), d.roadGraph().size(), sensors);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "201", description = "Stored; Location names the dataset")
    @ApiResponse(responseCode = "409", description = "A dataset with this id exists, or a request with this Idempotency-Key is still running")
    @ApiResponse(responseCode = "413", description = "The upload is larger than spring.servlet.multipart.max-file-size")
    @ApiResponse(responseCode = "422", description = "This Idempotency-Key came before with another upload")
    @Operation(operationId = "uploadDataset",
            summary = "Upload a dataset", description = "A series as CSV (a header row of sensor ids unless header=false, then "
            + "one row per step of stepMinutes minutes) or "
            + "npz (array 'data' T×N×C as in PeMSD4/PeMSD8; 'channel' picks the channel, 0 = flow), with optional sensor "
            + "coordinates (sensor_id,latitude,longitude) and road graph (from,to,cost). Files are validated completely; "
            + "errors name the file, the line and the reason.")
    ResponseEntity<DatasetDetails> upload(
            @RequestParam @Parameter(description = "New dataset id: lower-case letters, digits, '.', '-', '_'", example = "my-city") String id,
            @RequestParam(required = false) String description,
            @RequestPart("series") MultipartFile series,
            @RequestParam(defaultValue = "0") int channel,
            @RequestParam(defaultValue = "auto") @Parameter(description = "CSV only: whether the first row is a header of "
                    + "sensor ids: auto (a first row of numbers with a fraction is readings), true, or false (sensors are "
                    + "named 0, 1, 2, ... by column)", example = "auto") String header,
            @RequestParam(defaultValue = "5") @Parameter(description = "minutes between two readings (1 to 1440); every "
                    + "label and time of the API and the pages uses it", example = "5") int stepMinutes,
            @RequestPart(value = "locations", required = false) MultipartFile locations,
            @RequestPart(value = "roadGraph", required = false) MultipartFile roadGraph) throws IOException {
        if (channel < 0) {
            throw new IllegalArgumentException("channel: must not be negative");
        }
        catalog.add(new DatasetCatalog.Upload(id, description, series.getOriginalFilename(), series.getBytes(), channel,
                bytes(locations), bytes(roadGraph), CsvHeader.of("header", header),
                TrafficDataset.requireStepMinutes("stepMinutes", stepMinutes)));
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + id)).body(get(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "409", description = "A queued or running job uses it, or it is the bundled dataset")
    @Operation(operationId = "deleteDataset",
            summary = "Delete an uploaded dataset", description = "Refused (409) while a queued or running job uses it, "
            + "and for the bundled dataset. Trained models keep working for readings posted to them.")
    ResponseEntity<Void> delete(@PathVariable String id) {
        catalog.delete(id, users::usesDataset);
        return ResponseEntity.noContent().build();
    }

    private static byte[] bytes(MultipartFile f) throws IOException {
        return f == null || f.isEmpty() ? null : f.getBytes();
    }
}
