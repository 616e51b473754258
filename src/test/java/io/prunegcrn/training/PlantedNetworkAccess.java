package io.prunegcrn.training;

import io.prunegcrn.network.ModelParameters;
import java.util.Map;

/** Trains on the planted network with the small network the planted test uses (for the benchmark harness). */
public final class PlantedNetworkAccess {

    /** @param parameters the trained network's arrays (a warm start for the pruned runs) */
    public record Outcome(double mae, double validationMae, int kept, int driversKept, double seconds, String driverRaw,
            String keptSet, ModelParameters parameters) {
    }

    private PlantedNetworkAccess() {
    }

    static PlantedNetwork network() {
        return PlantedNetwork.generate(40, 6, 2000, 42);
    }

    /** 40 sensors, 6 drivers, 2000 steps; network of 16 units, d = 4. */
    public static TrainingConfig config(SelectionMethod method, double gamma, int epochs, long seed) {
        return TrainingConfig.of(method, gamma, seed, TrainingSettings.of(Map.of("epochs", epochs, "hiddenUnits", 16, "embedDim", 4)));
    }

    /** The sets an oracle run may fix the mask to: the true drivers, or six well-spread followers. */
    public enum FixedSet {
        DRIVERS, FOLLOWERS
    }

    public static Outcome train(TrainingConfig config) {
        return train(config, null);
    }

    public static Outcome train(TrainingConfig config, FixedSet fixed) {
        return train(config, fixed, null);
    }

    /**
     * Trains with the mask frozen to a fixed set from the start (the oracle runs), or learned/baseline when null, from
     * {@code warmStart} (a full network's parameters; null: from scratch).
     */
    public static Outcome train(TrainingConfig config, FixedSet fixed, ModelParameters warmStart) {
        PlantedNetwork net = network();
        TrainingResult r = fixed == null
                ? new PruneGcrnTrainer().train(net.dataset, config, warmStart, TrainingListener.NONE,
                        TrainingControl.cancelledWhen(() -> false), CheckpointStore.NONE)
                : new PruneGcrnTrainer().trainWithFixedMask(net.dataset, config, warmStart,
                        fixed == FixedSet.DRIVERS ? net.driverMask() : net.spreadFollowerMask());
        TrainingOutcome o = r.outcome();
        MaskDiagnostics diagnostics = r.diagnostics();
        float[] raw = o.rawMask();
        StringBuilder sb = new StringBuilder();
        for (int d : net.drivers) {
            int rank = 1;
            for (float v : raw) {
                if (v > raw[d]) {
                    rank++;
                }
            }
            sb.append(String.format(java.util.Locale.ROOT, "%d:%.3f(rank %d) ", d, raw[d], rank));
        }
        sb.append("| grad-sum ranks ");
        for (int d : net.drivers) {
            int rank = 1;
            for (double v : diagnostics.gradientSum()) {
                if (v < diagnostics.gradientSum()[d]) {
                    rank++;
                }
            }
            sb.append(rank).append(' ');
        }
        sb.append("| delta ranks ");
        int[] deltaRanks = SensorSelector.ranks(diagnostics.selectionDelta());
        for (int d : net.drivers) {
            sb.append(deltaRanks[d]).append(' ');
        }
        float[] sorted = raw.clone();
        java.util.Arrays.sort(sorted);
        sb.append(String.format(java.util.Locale.ROOT, "| raw min %.3f median %.3f max %.3f", sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]));
        StringBuilder keptSet = new StringBuilder();
        for (int i = 0; i < o.mask().length; i++) {
            if (o.mask()[i] == 1f) {
                keptSet.append(keptSet.isEmpty() ? "" : ",").append(i);
            }
        }
        return new Outcome(o.test().average().mae(), o.bestValidationMae(), o.sensorsKept(), net.driversKept(o.mask()),
                o.trainingSeconds(), sb.toString(), keptSet.toString(), r.parameters());
    }
}
