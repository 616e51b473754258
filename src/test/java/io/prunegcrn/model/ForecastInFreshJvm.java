package io.prunegcrn.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads a saved model in a new JVM and prints the forecast of the window in a text file (one step per line). */
public final class ForecastInFreshJvm {

    public static void main(String[] args) throws Exception {
        TrainedModel model = ModelArchive.load(Path.of(args[0]));
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        float[][] window = new float[lines.size()][];
        for (int t = 0; t < lines.size(); t++) {
            String[] cells = lines.get(t).split(",");
            window[t] = new float[cells.length];
            for (int i = 0; i < cells.length; i++) {
                window[t][i] = Float.parseFloat(cells[i]);
            }
        }
        StringBuilder out = new StringBuilder("FORECAST");
        for (float[] step : model.forecast(window)) {
            for (float v : step) {
                out.append(' ').append(Float.floatToIntBits(v));
            }
        }
        System.out.println(out);
    }
}
