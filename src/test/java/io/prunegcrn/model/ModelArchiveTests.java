package io.prunegcrn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.network.BinaryClampOp;
import io.prunegcrn.training.CheckpointStore;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingListener;
import io.prunegcrn.training.TrainingResult;
import io.prunegcrn.training.TrainingSettings;
import tools.jackson.databind.json.JsonMapper;

class ModelArchiveTests {

    @TempDir
    Path dir;

    @Test
    void aSavedModelForecastsTheSameInAFreshJvm() throws Exception {
        TrafficDataset data = sines(6, 150);
        TrainingResult result = new PruneGcrnTrainer().train(data,
                TrainingConfig.of(SelectionMethod.PRUNEGCRN, 0.5, null,
                        TrainingSettings.of(Map.of("epochs", 2, "hiddenUnits", 4, "embedDim", 2, "batchSize", 32))),
                TrainingListener.NONE, () -> false, CheckpointStore.NONE);
        Path modelDir = dir.resolve("m1");
        TrainedModel saved = ModelArchive.save(modelDir, ModelArchive.metadataOf("m1", data, result), result);

        float[][] window = new float[12][6];
        Random rnd = new Random(5);
        List<String> lines = new ArrayList<>();
        for (float[] step : window) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < step.length; i++) {
                step[i] = 45 + 10 * rnd.nextFloat();
                line.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", step[i]));
            }
            lines.add(line.toString());
        }
        Path windowFile = dir.resolve("window.csv");
        Files.write(windowFile, lines);
        for (int t = 0; t < 12; t++) { // use exactly the parsed values in both JVMs
            String[] cells = lines.get(t).split(",");
            for (int i = 0; i < 6; i++) {
                window[t][i] = Float.parseFloat(cells[i]);
            }
        }
        float[][] here = saved.forecast(window);
        float[][] loadedHere = ModelArchive.load(modelDir).forecast(window);
        float[][] fresh = forecastInNewJvm(modelDir, windowFile);

        for (int h = 0; h < 12; h++) {
            for (int i = 0; i < 6; i++) {
                assertThat((double) loadedHere[h][i]).isCloseTo(here[h][i], org.assertj.core.api.Assertions.within(1e-6));
                assertThat((double) fresh[h][i]).isCloseTo(here[h][i], org.assertj.core.api.Assertions.within(1e-6));
            }
        }
        assertThat(ModelArchive.readMetadata(modelDir).outcome().mask()).containsExactly(result.outcome().mask());
    }

    /** model.json stays one flat object: the bundled model's file reads and is written back key for key. */
    @Test
    void theBundledModelsMetadataIsWrittenBackAsItWasRead() throws Exception {
        Path modelDir = Path.of(getClass().getResource("/pretrained/los-loop-g025/model.json").toURI()).getParent();
        JsonMapper json = JsonMapper.builder().findAndAddModules().build();

        ModelMetadata metadata = ModelArchive.readMetadata(modelDir);

        assertThat(metadata.scale().std()).isPositive();
        assertThat(metadata.sensorsKept()).isEqualTo(metadata.outcome().budget());
        assertThat(json.readTree(json.writeValueAsString(metadata)))
                .isEqualTo(json.readTree(modelDir.resolve(ModelArchive.METADATA).toFile()));
    }

    @Test
    void theClampOpIsRegisteredForLoading() {
        BinaryClampOp.register();
        assertThat(org.nd4j.imports.converters.ImportClassMapping.getOpNameMapping().get(BinaryClampOp.OP_NAME))
                .isInstanceOf(BinaryClampOp.class);
    }

    private static float[][] forecastInNewJvm(Path modelDir, Path windowFile) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ForecastInFreshJvm.class.getName(), modelDir.toString(), windowFile.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String line = output.lines().filter(l -> l.startsWith("FORECAST")).findFirst()
                .orElseThrow(() -> new AssertionError("no forecast from the fresh JVM:\n" + output));
        String[] bits = line.substring("FORECAST ".length()).split(" ");
        float[][] f = new float[12][6];
        for (int k = 0; k < bits.length; k++) {
            f[k / 6][k % 6] = Float.intBitsToFloat(Integer.parseInt(bits[k]));
        }
        return f;
    }

    static TrafficDataset sines(int sensors, int steps) {
        Random rnd = new Random(1);
        float[] v = new float[sensors * steps];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            ids.add("s" + i);
        }
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < sensors; i++) {
                v[t * sensors + i] = (float) (50 + 10 * Math.sin(2 * Math.PI * (t + 3 * i) / 48.0) + rnd.nextGaussian());
            }
        }
        return new TrafficDataset("sines", "", new TrafficSeries(v, steps, ids), List.of(), List.of());
    }
}
