package io.prunegcrn.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.training.PlantedNetworkAccess;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingSettings;

/**
 * Sensor selection on the planted network (40 sensors, 6 drivers): prints test MAE and drivers kept for each
 * method and seed; methods {@code drivers} and {@code followers} fix the mask to the true drivers (the oracle) or to
 * six well-spread followers. With {@code --warm} every seed first trains the full network and starts the pruned runs
 * from it (a sweep's train once, prune many), and each seed's recommendation is printed: the non-oracle method with the
 * lowest validation MAE, as a sweep recommends. {@code bench/planted-selection [--epochs 10] [--seeds 1,2,3]
 * [--mask-lr 0.05] [--warmup W] [--prune P] [--warm] [--methods drivers,followers,random,prunegcrn,forecast-greedy]}
 */
public final class PlantedSelectionBenchmark {

    public static void main(String[] args) {
        int epochs = 10;
        String seeds = "1,2,3";
        Double maskLr = null;
        Integer warmup = null;
        Integer prune = null;
        String methods = "full,prunegcrn,random,correlation";
        boolean warm = false;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--warm")) {
                warm = true;
                i--;
                continue;
            }
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--seeds" -> seeds = args[i + 1];
                case "--mask-lr" -> maskLr = Double.parseDouble(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--prune" -> prune = Integer.parseInt(args[i + 1]);
                case "--methods" -> methods = args[i + 1];
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        for (String s : seeds.split(",")) {
            long seed = Long.parseLong(s);
            ModelParameters full = warm ? PlantedNetworkAccess.train(PlantedNetworkAccess.config(SelectionMethod.FULL, 1.0,
                    epochs, seed), null).parameters() : null;
            String recommended = null;
            double bestValidation = Double.POSITIVE_INFINITY;
            int recommendedDrivers = -1;
            for (String m : methods.split(",")) {
                // oracle runs: the mask fixed to the true drivers, or to six well-spread followers
                PlantedNetworkAccess.FixedSet fixed = switch (m) {
                    case "drivers" -> PlantedNetworkAccess.FixedSet.DRIVERS;
                    case "followers" -> PlantedNetworkAccess.FixedSet.FOLLOWERS;
                    default -> null;
                };
                SelectionMethod method = fixed != null ? SelectionMethod.RANDOM : SelectionMethod.of(m);
                double gamma = method == SelectionMethod.FULL ? 1.0 : 0.15;
                TrainingConfig base = PlantedNetworkAccess.config(method, gamma, epochs, seed);
                Map<String, Object> overrides = new HashMap<>();
                overrides.put("epochs", epochs);
                overrides.put("hiddenUnits", 16);
                overrides.put("embedDim", 4);
                overrides.put("warmupEpochs", warmup);
                overrides.put("pruneEpochs", prune);
                overrides.put("maskLearningRate", maskLr);
                TrainingConfig c = TrainingConfig.of(base.method(), base.gamma(), base.seed(), TrainingSettings.of(overrides));
                PlantedNetworkAccess.Outcome o = PlantedNetworkAccess.train(c, fixed, method == SelectionMethod.FULL ? null : full);
                System.out.printf(Locale.ROOT, "result=planted method=%s seed=%d epochs=%d warm=%s mask_lr=%s test_mae=%.4f val_mae=%.4f kept=%d drivers_kept=%d/6 train_s=%.1f drivers=%s kept_set=%s%n",
                        m, seed, epochs, warm, c.settings().maskLearningRate(), o.mae(), o.validationMae(), o.kept(), o.driversKept(),
                        o.seconds(), o.driverRaw(), o.keptSet());
                if (fixed == null && method != SelectionMethod.FULL && o.validationMae() < bestValidation) {
                    bestValidation = o.validationMae();
                    recommended = m;
                    recommendedDrivers = o.driversKept();
                }
            }
            System.out.printf(Locale.ROOT, "result=planted_recommended seed=%d method=%s val_mae=%.4f drivers_kept=%d/6%n", seed,
                    recommended, bestValidation, recommendedDrivers);
        }
    }
}
