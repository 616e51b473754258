package io.prunegcrn.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.prunegcrn.dataset.BundledDatasets;
import io.prunegcrn.dataset.CsvHeader;
import io.prunegcrn.dataset.CsvSeriesReader;
import io.prunegcrn.dataset.NpzSeriesReader;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.TrafficSeries;
import io.prunegcrn.evaluation.ForecastMetrics;
import io.prunegcrn.forecast.ModelArchive;
import io.prunegcrn.training.CheckpointStore;
import io.prunegcrn.training.EpochRecord;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingListener;
import io.prunegcrn.training.TrainingProgress;
import io.prunegcrn.training.TrainingResult;

/**
 * Trains one model without the web service and prints {@code key=value} lines like the PyTorch reference:
 * <pre>
 *   bin/train --dataset los-loop --gamma 1.0 --epochs 5
 *   bin/train --csv my.csv --gamma 0.25 --method correlation --out /tmp/model
 * </pre>
 * Options: --dataset los-loop | --csv FILE [--header auto|true|false] | --npz FILE [--channel C]; --step-minutes M
 * (5); --method prunegcrn|random|correlation|full;
 * --gamma G; --epochs E; --seed S; --batch B; --lr LR; --mask-lr LR; --patience P; --hidden H; --embed D;
 * --warmup E; --prune E; --out DIR (saves the model there).
 */
public final class TrainModelCommand {

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
        TrainingConfig.Builder config = TrainingConfig.builder(SelectionMethod.PRUNEGCRN, 1.0);
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--dataset" -> dataset = v;
                case "--csv" -> csv = v;
                case "--npz" -> npz = v;
                case "--channel" -> channel = Integer.parseInt(v);
                case "--header" -> header = CsvHeader.of("--header", v);
                case "--step-minutes" -> stepMinutes = TrafficDataset.requireStepMinutes("--step-minutes", Integer.parseInt(v));
                case "--method" -> config.method(SelectionMethod.valueOf(v.toUpperCase(Locale.ROOT)));
                case "--gamma" -> config.gamma(Double.parseDouble(v));
                case "--epochs" -> config.epochs(Integer.parseInt(v));
                case "--seed" -> config.seed(Long.parseLong(v));
                case "--batch" -> config.batchSize(Integer.parseInt(v));
                case "--lr" -> config.learningRate(Double.parseDouble(v));
                case "--mask-lr" -> config.maskLearningRate(Double.parseDouble(v));
                case "--patience" -> config.patience(Integer.parseInt(v));
                case "--hidden" -> config.network(Integer.parseInt(v), null);
                case "--embed" -> config.network(null, Integer.parseInt(v));
                case "--warmup" -> config.maskSchedule(Integer.parseInt(v), null);
                case "--prune" -> config.maskSchedule(null, Integer.parseInt(v));
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        TrainingConfig c = config.build();
        TrafficDataset data = load(dataset, csv, header, npz, channel, stepMinutes);
        System.out.printf(Locale.ROOT, "dataset=%s nodes=%d steps=%d method=%s gamma=%s epochs=%d seed=%d%n", data.id(),
                data.series().nodes(), data.series().steps(), c.method().name().toLowerCase(Locale.ROOT), c.gamma(),
                c.epochs(), c.seed());
        TrainingResult r = new PruneGcrnTrainer().train(data, c, new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord e, TrainingProgress p) {
                System.out.printf(Locale.ROOT, "epoch=%d phase=%s train_loss=%.4f val_mae=%.4f kept=%d budget=%d flips=%d epoch_s=%.1f elapsed_s=%.1f%n",
                        e.epoch(), e.phase(), e.trainLoss(), e.validationMae(), e.sensorsKept(), p.budget(), e.maskFlips(),
                        e.seconds(), p.elapsedSeconds());
            }
        }, () -> false, CheckpointStore.NONE);
        for (ForecastMetrics.HorizonMetrics h : r.test().perHorizon()) {
            if (h.step() == 3 || h.step() == 6 || h.step() == 12) {
                System.out.printf(Locale.ROOT, "result=test horizon=%d mae=%.4f rmse=%.4f mape=%.2f%n", h.step(), h.mae(), h.rmse(), h.mape());
            }
        }
        ForecastMetrics.HorizonMetrics avg = r.test().average();
        System.out.printf(Locale.ROOT, "result=test horizon=avg mae=%.4f rmse=%.4f mape=%.2f kept=%d budget=%d best_epoch=%d train_s=%.1f mape_threshold=%s%n",
                avg.mae(), avg.rmse(), avg.mape(), r.sensorsKept(), r.budget(), r.bestEpoch(), r.trainingSeconds(), r.test().mapeThreshold());
        List<String> ids = data.series().sensorIds();
        String kept = r.sensorMask().kept().stream().map(ids::get)
                .collect(java.util.stream.Collectors.joining(","));
        System.out.println("result=mask kept_ids=" + kept);
        if (out != null) {
            ModelArchive.save(out, ModelArchive.metadataOf(out.getFileName().toString(), data, r), r);
            System.out.println("result=saved dir=" + out.toAbsolutePath());
        }
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
