package io.prunegcrn.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.dataset.TrafficSeries;

/**
 * A synthetic network with planted structure: a few "driver" sensors follow their own noisy daily
 * patterns (AR(1) noise on two harmonics), and every other sensor is a noisy mix of three drivers, each lagged by
 * 1–12 steps. Knowing the drivers' recent readings is what forecasting the rest needs, so a good selection keeps
 * them. (With mixes of two drivers lagged 1–3 steps and less noise, six followers forecast nearly as well as the
 * drivers and no method can be told apart; with lags of 1–6 the drivers were 13 % below a random pick, with 1–12
 * 19 %, since a follower then trails its drivers by up to the whole horizon: issue 11.)
 */
final class PlantedNetwork {

    static final int DAY = 288; // 5-minute steps
    /** Own noise of the non-driver sensors (standard deviation, data units). */
    static final double NOISE = Double.parseDouble(System.getProperty("planted.noise", "1.0"));
    /** Innovation of the drivers' AR(1) noise: what no one can forecast without seeing the driver. */
    static final double DRIVER_NOISE = Double.parseDouble(System.getProperty("planted.driver-noise", "2.0"));
    /** Drivers each follower mixes. */
    static final int MIX = Integer.getInteger("planted.mix", 3);
    /** Smallest raw weight of a driver in a follower's mix (the largest is 1; weights are then normalised). */
    static final double WEIGHT_MIN = Double.parseDouble(System.getProperty("planted.weight-min", "0.3"));
    /** Largest lag (steps) of a follower behind its drivers; lags are uniform in 1..MAX_LAG. */
    static final int MAX_LAG = Integer.getInteger("planted.max-lag", 12);

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
        int warm = 10 + MAX_LAG;
        double[][] driver = new double[driverCount][steps + warm];
        for (int d = 0; d < driverCount; d++) {
            double phase = rnd.nextDouble() * 2 * Math.PI;
            double phase2 = rnd.nextDouble() * 2 * Math.PI;
            double level = 40 + 20 * rnd.nextDouble();
            double noise = 0;
            for (int t = 0; t < steps + warm; t++) {
                noise = 0.9 * noise + rnd.nextGaussian() * DRIVER_NOISE;
                driver[d][t] = level + 12 * Math.sin(2 * Math.PI * t / DAY + phase) + 4 * Math.sin(6 * Math.PI * t / DAY + phase2) + noise;
            }
        }
        float[] values = new float[steps * sensors];
        for (int i = 0; i < sensors; i++) {
            int di = drivers.indexOf(i);
            // a follower: a lagged mix of MIX distinct drivers with random weights summing to 1, plus its own noise
            int mix = Math.min(MIX, driverCount);
            List<Integer> pool = new ArrayList<>();
            for (int d = 0; d < driverCount; d++) {
                pool.add(d);
            }
            int[] source = new int[mix];
            double[] weight = new double[mix];
            int[] lag = new int[mix];
            double total = 0;
            for (int j = 0; j < mix; j++) {
                source[j] = pool.remove(rnd.nextInt(pool.size()));
                // near-equal weights: no follower is a lagged copy of one driver
                weight[j] = WEIGHT_MIN + (1 - WEIGHT_MIN) * rnd.nextDouble();
                total += weight[j];
                lag[j] = 1 + rnd.nextInt(MAX_LAG);
            }
            for (int t = 0; t < steps; t++) {
                double v;
                if (di >= 0) {
                    v = driver[di][t + warm];
                } else {
                    v = rnd.nextGaussian() * NOISE;
                    for (int j = 0; j < mix; j++) {
                        v += weight[j] / total * driver[source[j]][t + warm - lag[j]];
                    }
                }
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
