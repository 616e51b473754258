package io.prunegcrn.training;

/** Trains on the planted network with the small network the planted test uses (for the benchmark harness). */
public final class PlantedNetworkAccess {

    public record Outcome(double mae, int kept, int driversKept, double seconds) {
    }

    private PlantedNetworkAccess() {
    }

    /** 40 sensors, 6 drivers, 2000 steps; network of 16 units, d = 4. */
    public static TrainingConfig config(SelectionMethod method, double gamma, int epochs, long seed) {
        return TrainingConfig.defaults(method, gamma).withEpochs(epochs).withSeed(seed).withNetwork(16, 4);
    }

    public static Outcome train(TrainingConfig config, long dataSeed) {
        PlantedNetwork net = PlantedNetwork.generate(40, 6, 2000, 42);
        TrainingResult r = new PruneGcrnTrainer().train(net.dataset, config, TrainingListener.NONE, () -> false, CheckpointStore.NONE);
        return new Outcome(r.test().average().mae(), r.sensorsKept(), net.driversKept(r.mask()), r.trainingSeconds());
    }
}
