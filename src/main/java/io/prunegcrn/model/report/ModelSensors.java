package io.prunegcrn.model.report;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.SensorLocation;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.model.backtest.SensorError;
import io.prunegcrn.model.sensorerror.SensorErrorService;
import io.prunegcrn.training.SensorMask;

/** A model's sensors with their rank, raw mask value, coordinates and test error, in the model's sensor order. */
@Service
class ModelSensors {

    private final ModelRepository models;
    private final DatasetCatalog datasets;
    private final SensorErrorService errors;

    ModelSensors(ModelRepository models, DatasetCatalog datasets, SensorErrorService errors) {
        this.models = models;
        this.datasets = datasets;
        this.errors = errors;
    }

    /** Every sensor; the per-sensor errors are computed now if the model has none stored yet. */
    List<SensorRow> of(String modelId) {
        ModelMetadata m = models.metadata(modelId);
        List<SensorLocation> locations = datasets.find(m.datasetId()).map(TrafficDataset::locations).orElse(List.of());
        boolean located = locations.size() == m.sensorIds().size();
        SensorMask mask = m.sensorMask();
        Integer[] rank = new Integer[m.sensorIds().size()];
        List<Integer> ranked = mask.keptByRawValue();
        for (int r = 0; r < ranked.size(); r++) {
            rank[ranked.get(r)] = r + 1;
        }
        List<SensorError> error = errors.of(modelId).sensors();
        List<SensorRow> rows = new ArrayList<>();
        for (int i = 0; i < m.sensorIds().size(); i++) {
            rows.add(new SensorRow(i, m.sensorIds().get(i), mask.isKept(i), rank[i], mask.raw()[i],
                    located ? locations.get(i).latitude() : null, located ? locations.get(i).longitude() : null,
                    error.get(i).mae(), error.get(i).rmse()));
        }
        return rows;
    }
}
