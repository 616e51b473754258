package io.prunegcrn.model.backtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import io.prunegcrn.model.ModelMetadata;
import io.prunegcrn.training.SensorMask;

/**
 * Which of a model's retained sensors fail in a simulated backtest: the ones named, or a share of them drawn with a
 * seed. A failed sensor stays failed for the whole range (a loop detector that dropped out), so a draw is a set.
 *
 * @param rate    share of the retained sensors that fail, [0, 1]; ⌈rate·k⌉ of k sensors (at least one when above 0)
 * @param seed    the draw (default 1)
 * @param sensors the failing sensors by id (instead of a rate)
 */
public record SensorFailures(Double rate, Long seed, List<String> sensors) {

    public static final SensorFailures NONE = new SensorFailures(null, null, null);

    /** ⌈rate·k⌉ of the model's k retained sensors, drawn with {@code seed}. */
    public static SensorFailures drawn(double rate, long seed) {
        return new SensorFailures(rate, seed, null);
    }

    /**
     * The failing sensors' ids for a model, in the model's sensor order; refuses a rate outside [0, 1], both a rate
     * and a list, unknown ids and sensors the model does not read (naming the field).
     */
    public List<String> of(ModelMetadata model) {
        boolean listed = sensors != null && !sensors.isEmpty();
        if (rate != null && listed) {
            throw new IllegalArgumentException("failed: give failRate or failed, not both");
        }
        SensorMask mask = model.sensorMask();
        List<String> ids = model.sensorIds();
        if (listed) {
            List<String> unknown = sensors.stream().filter(id -> !ids.contains(id)).distinct().toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("failed: unknown sensors " + unknown);
            }
            List<String> unread = sensors.stream().filter(id -> !mask.isKept(ids.indexOf(id))).distinct().toList();
            if (!unread.isEmpty()) {
                throw new IllegalArgumentException("failed: sensors " + unread + " are not read by this model, so they cannot fail");
            }
            TreeSet<Integer> at = new TreeSet<>();
            sensors.forEach(id -> at.add(ids.indexOf(id)));
            return at.stream().map(ids::get).toList();
        }
        if (rate == null) {
            return List.of();
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("failRate: must be in [0, 1], got " + rate);
        }
        List<Integer> kept = new ArrayList<>(mask.kept());
        int count = (int) Math.ceil(rate * kept.size() - 1e-9);
        Collections.shuffle(kept, new Random(seed == null ? 1 : seed));
        return new TreeSet<>(kept.subList(0, count)).stream().map(ids::get).toList();
    }

    /** The sensors a model reads when {@code failed} of its own fail. */
    public static float[] reading(float[] own, List<String> ids, List<String> failed) {
        float[] reads = own.clone();
        failed.forEach(id -> reads[ids.indexOf(id)] = 0f);
        return reads;
    }
}
