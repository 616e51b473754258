package io.prunegcrn.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.TrafficSeries;

/**
 * A synthetic network with planted structure: a few "driver" sensors follow their own noisy daily
 * patterns (AR(1) noise on two harmonics), and every other sensor is a lagged, noisy mix of two drivers.
 * Knowing the drivers' recent readings is what forecasting the rest needs, so a good selection keeps them.
 */
final class PlantedNetwork {

    static final int DAY = 288; // 5-minute steps
    /** Own noise of the non-driver sensors (standard deviation, data units). */
    static final double NOISE = Double.parseDouble(System.getProperty("planted.noise", "0.5"));

    final TrafficDataset dataset;
    final List<Integer> drivers;

    private PlantedNetwork(TrafficDataset dataset, List<Integer> drivers) {
        this.dataset = dataset;
        this.drivers = drivers;
    }

    static PlantedNetwork generate(int sensors, int driverCount, int steps, long seed) {
        Random rnd = new Random(seed);
        // drivers at spread-out positions so that index order says nothing
        List<Integer> drivers = new ArrayList<>();
        for (int d = 0; d < driverCount; d++) {
            drivers.add((d * sensors) / driverCount + rnd.nextInt(Math.max(1, sensors / driverCount)));
        }
        int warm = 10;
        double[][] driver = new double[driverCount][steps + warm];
        for (int d = 0; d < driverCount; d++) {
            double phase = rnd.nextDouble() * 2 * Math.PI;
            double phase2 = rnd.nextDouble() * 2 * Math.PI;
            double level = 40 + 20 * rnd.nextDouble();
            double noise = 0;
            for (int t = 0; t < steps + warm; t++) {
                noise = 0.9 * noise + rnd.nextGaussian() * 2.0;
                driver[d][t] = level + 12 * Math.sin(2 * Math.PI * t / DAY + phase) + 4 * Math.sin(6 * Math.PI * t / DAY + phase2) + noise;
            }
        }
        float[] values = new float[steps * sensors];
        for (int i = 0; i < sensors; i++) {
            int di = drivers.indexOf(i);
            int a = rnd.nextInt(driverCount);
            int b = (a + 1 + rnd.nextInt(driverCount - 1)) % driverCount;
            double w = 0.3 + 0.4 * rnd.nextDouble();
            int lagA = 1 + rnd.nextInt(3);
            int lagB = 1 + rnd.nextInt(3);
            for (int t = 0; t < steps; t++) {
                double v = di >= 0 ? driver[di][t + warm]
                        : w * driver[a][t + warm - lagA] + (1 - w) * driver[b][t + warm - lagB] + rnd.nextGaussian() * NOISE;
                values[t * sensors + i] = (float) v;
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            ids.add("p" + i);
        }
        return new PlantedNetwork(new TrafficDataset("planted", "planted drivers " + drivers,
                new TrafficSeries(values, steps, ids), List.of(), List.of()), drivers);
    }

    /** The oracle: exactly the drivers. */
    float[] driverMask() {
        float[] m = new float[dataset.series().nodes()];
        for (int d : drivers) {
            m[d] = 1f;
        }
        return m;
    }

    /** As many followers as drivers, spread over the index range (the first follower at or after i·N/count). */
    float[] spreadFollowerMask() {
        int n = dataset.series().nodes();
        float[] m = new float[n];
        for (int j = 0; j < drivers.size(); j++) {
            int i = j * n / drivers.size();
            while (drivers.contains(i) || m[i] == 1f) {
                i = (i + 1) % n;
            }
            m[i] = 1f;
        }
        return m;
    }

    int driversKept(float[] mask) {
        int kept = 0;
        for (int d : drivers) {
            if (mask[d] >= 0.5f) {
                kept++;
            }
        }
        return kept;
    }
}
