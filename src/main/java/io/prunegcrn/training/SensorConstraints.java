package io.prunegcrn.training;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the operator fixes before any selector runs, as sensor indices: every must-keep sensor is in the selection,
 * no must-drop sensor is, and the budget ⌈γN⌉ still holds (the must-keep sensors count towards it). Every selector
 * honours it: the fixed ones ({@code random}, {@code correlation}, {@code qr}, {@code greedy}) start from the
 * must-keep sensors and never consider a must-drop one; the learned mask holds both at their values throughout.
 */
public record SensorConstraints(Set<Integer> mustKeep, Set<Integer> mustDrop) {

    public static final SensorConstraints NONE = new SensorConstraints(Set.of(), Set.of());

    public SensorConstraints {
        mustKeep = Set.copyOf(new TreeSet<>(mustKeep));
        mustDrop = Set.copyOf(new TreeSet<>(mustDrop));
    }

    /** True unless the sensor must be dropped. */
    public boolean mayKeep(int sensor) {
        return !mustDrop.contains(sensor);
    }

    /** True when the operator fixed the sensor either way. */
    public boolean fixes(int sensor) {
        return mustKeep.contains(sensor) || mustDrop.contains(sensor);
    }

    /**
     * The selection of {@code count} of {@code nodes} sensors: every must-keep sensor, then the first sensors of
     * {@code preference} (most wanted first) that may be kept, as a 0/1 mask.
     */
    public float[] pick(int nodes, int count, int[] preference) {
        float[] mask = new float[nodes];
        int picked = 0;
        for (int i : mustKeep) {
            mask[i] = 1f;
            picked++;
        }
        for (int j = 0; j < preference.length && picked < count; j++) {
            int i = preference[j];
            if (mask[i] == 0f && mayKeep(i)) {
                mask[i] = 1f;
                picked++;
            }
        }
        return mask;
    }
}
