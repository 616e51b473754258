package io.prunegcrn.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.prunegcrn.dataset.BundledDatasets;
import io.prunegcrn.dataset.CsvHeader;
import io.prunegcrn.dataset.CsvSeriesReader;
import io.prunegcrn.dataset.NpzSeriesReader;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.model.ModelArchive;
import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.training.CheckpointStore;
import io.prunegcrn.training.EpochRecord;
import io.prunegcrn.training.Forecaster;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingControl;
import io.prunegcrn.training.TrainingListener;
import io.prunegcrn.training.TrainingOutcome;
import io.prunegcrn.training.TrainingProgress;
import io.prunegcrn.training.TrainingResult;
import io.prunegcrn.training.TrainingSettings;

/**
 * Trains one model without the web service and prints {@code key=value} lines like the PyTorch reference:
 * <pre>
 *   bin/train --dataset los-loop --gamma 1.0 --epochs 5
 *   bin/train --csv my.csv --gamma 0.25 --method correlation --out /tmp/model
 * </pre>
 * Options: --dataset los-loop | --csv FILE [--header auto|true|false] | --npz FILE [--channel C]; --step-minutes M (5);
 * --method prunegcrn|random|correlation|qr|greedy|forecast-greedy|full; --forecaster network|linear;
 * --gamma G; --seed S; --out DIR (saves the model there); --warm-start DIR (a saved model to start from);
 * --test-each-epoch true (also prints the test MAE after every epoch, for benchmarks); and every {@link TrainingSettings} component as
 * {@code --name value} or {@code --kebab-name value} (--epochs E, --batch-size B, --patience P, ...), with the short
 * aliases --batch, --lr, --mask-lr, --hidden, --embed, --warmup, --prune.
 */
public final class TrainModelCommand {

    private static final Map<String, String> ALIASES = Map.of("--batch", "batchSize", "--lr", "learningRate", "--mask-lr",
            "maskLearningRate", "--hidden", "hiddenUnits", "--embed", "embedDim", "--warmup", "warmupEpochs", "--prune",
            "pruneEpochs");

    private TrainModelCommand() {
    }

    public static void main(String[] args) throws IOException {
        // no Spring here: keep ND4J's start-up chatter out of the key=value output
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        String dataset = "los-loop";
        String csv = null;
        String npz = null;
        int channel = 0;
        CsvHeader header = CsvHeader.AUTO;
        int stepMinutes = TrafficDataset.DEFAULT_STEP_MINUTES;
        SelectionMethod method = null;
        Double gamma = 1.0;
        Long seed = null;
        Forecaster forecaster = null;
        Map<String, String> settings = new LinkedHashMap<>();
        Path out = null;
        boolean testEachEpoch = false;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--dataset" -> dataset = v;
                case "--csv" -> csv = v;
                case "--npz" -> npz = v;
                case "--channel" -> channel = Integer.parseInt(v);
                case "--header" -> header = CsvHeader.of("--header", v);
                case "--step-minutes" -> stepMinutes = TrafficDataset.requireStepMinutes("--step-minutes", Integer.parseInt(v));
                case "--method" -> method = SelectionMethod.of(v);
                case "--gamma" -> gamma = Double.parseDouble(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--forecaster" -> forecaster = Forecaster.of(v);
                case "--out" -> out = Path.of(v);
                case "--test-each-epoch" -> testEachEpoch = Boolean.parseBoolean(v);
                default -> settings.put(settingName(args[i]), v);
            }
            i++;
        }
        TrainingConfig c = TrainingConfig.of(method, gamma, seed, forecaster, TrainingSettings.of(settings));
        TrafficDataset data = load(dataset, csv, header, npz, channel, stepMinutes);
        System.out.printf(Locale.ROOT, "dataset=%s nodes=%d steps=%d method=%s gamma=%s epochs=%d seed=%d%n", data.id(),
                data.series().nodes(), data.series().steps(), c.method().name().toLowerCase(Locale.ROOT), c.gamma(),
                c.settings().epochs(), c.seed());
        boolean follow = testEachEpoch;
        ModelParameters warm = c.settings().warmStart() == null ? null : ModelArchive.loadParameters(Path.of(c.settings().warmStart()));
        TrainingResult r = new PruneGcrnTrainer().train(data, c, warm, new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord e, TrainingProgress p) {
                System.out.printf(Locale.ROOT, "epoch=%d phase=%s train_loss=%.4f val_mae=%.4f kept=%d budget=%d flips=%d epoch_s=%.1f elapsed_s=%.1f%n",
                        e.epoch(), e.phase(), e.trainLoss(), e.validationMae(), e.sensorsKept(), p.budget(), e.maskFlips(),
                        e.seconds(), p.elapsedSeconds());
            }

            @Override
            public void onEpochTest(int epoch, java.util.function.Supplier<ForecastMetrics> test) {
                if (follow) {
                    System.out.printf(Locale.ROOT, "epoch_test epoch=%d test_mae=%.4f%n", epoch, test.get().average().mae());
                }
            }
        }, TrainingControl.cancelledWhen(() -> false), CheckpointStore.NONE);
        TrainingOutcome o = r.outcome();
        for (ForecastMetrics.HorizonMetrics h : o.test().perHorizon()) {
            if (h.step() == 3 || h.step() == 6 || h.step() == 12) {
                System.out.printf(Locale.ROOT, "result=test horizon=%d mae=%.4f rmse=%.4f mape=%.2f%n", h.step(), h.mae(), h.rmse(), h.mape());
            }
        }
        ForecastMetrics.HorizonMetrics avg = o.test().average();
        System.out.printf(Locale.ROOT, "result=test horizon=avg mae=%.4f rmse=%.4f mape=%.2f kept=%d budget=%d best_epoch=%d train_s=%.1f mape_threshold=%s%n",
                avg.mae(), avg.rmse(), avg.mape(), o.sensorsKept(), o.budget(), o.bestEpoch(), o.trainingSeconds(), o.test().mapeThreshold());
        List<String> ids = data.series().sensorIds();
        String kept = o.sensorMask().kept().stream().map(ids::get)
                .collect(java.util.stream.Collectors.joining(","));
        System.out.println("result=mask kept_ids=" + kept);
        if (out != null) {
            ModelArchive.save(out, ModelArchive.metadataOf(out.getFileName().toString(), data, r), r);
            System.out.println("result=saved dir=" + out.toAbsolutePath());
        }
    }

    /** {@code --batch-size} or {@code --batchSize} names the setting batchSize; the short names stay as aliases. */
    private static String settingName(String option) {
        if (!option.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + option);
        }
        String name = ALIASES.getOrDefault(option, option.substring(2));
        StringBuilder camel = new StringBuilder();
        for (String part : name.split("-")) {
            camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return camel.toString();
    }

    private static TrafficDataset load(String dataset, String csv, CsvHeader header, String npz, int channel, int stepMinutes)
            throws IOException {
        if (csv != null) {
            try (InputStream in = new FileInputStream(csv)) {
                return plain(Path.of(csv), CsvSeriesReader.read(csv, in, header), stepMinutes);
            }
        }
        if (npz != null) {
            try (InputStream in = new FileInputStream(npz)) {
                return plain(Path.of(npz), NpzSeriesReader.read(npz, in, channel), stepMinutes);
            }
        }
        if (!BundledDatasets.LOS_LOOP.equals(dataset)) {
            throw new IllegalArgumentException("unknown bundled dataset " + dataset + "; use --csv or --npz for files");
        }
        return BundledDatasets.losLoop();
    }

    private static TrafficDataset plain(Path file, TrafficSeries series, int stepMinutes) {
        return new TrafficDataset(file.getFileName().toString(), file.toString(), series, List.of(), List.of(), stepMinutes);
    }
}
