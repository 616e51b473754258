package io.prunegcrn.model.report;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.prunegcrn.system.NotAcceptableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models")
class GeoJsonController {

    static final String GEO_JSON = "application/geo+json";

    private final ModelSensors sensors;

    GeoJsonController(ModelSensors sensors) {
        this.sensors = sensors;
    }

    /** RFC 7946: a FeatureCollection of Points, coordinates [longitude, latitude] (WGS 84). */
    record FeatureCollection(String type, List<Feature> features) {
    }

    record Feature(String type, String id, Point geometry, Properties properties) {
    }

    record Point(String type, double[] coordinates) {
    }

    /** @param rank 1 = the retained sensor with the largest raw mask value; null when switched off */
    record Properties(String sensorId, boolean retained, Integer rank, float rawMask, double testMae) {
    }

    @GetMapping(value = "/{id}/retained-nodes", produces = GEO_JSON)
    @Operation(operationId = "getRetainedSensors",
            summary = "Sensors to keep", description = "With Accept: application/geo+json, a GeoJSON FeatureCollection (RFC 7946) "
            + "of every sensor, [longitude, latitude], with its id, whether the model reads it, its rank, raw mask value and "
            + "test MAE, for a GIS. 406 when the dataset has no coordinates.")
    FeatureCollection geoJson(@PathVariable String id) {
        List<SensorRow> rows = sensors.of(id);
        if (!rows.stream().allMatch(SensorRow::located)) {
            throw new NotAcceptableException("the dataset of model '" + id + "' has no sensor coordinates, so there is no map "
                    + "to export; ask for application/json");
        }
        return new FeatureCollection("FeatureCollection", rows.stream().map(r -> new Feature("Feature", r.sensorId(),
                new Point("Point", new double[] {r.longitude(), r.latitude()}),
                new Properties(r.sensorId(), r.retained(), r.rank(), r.rawMask(), r.testMae()))).toList());
    }
}
