package io.prunegcrn.training;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * The constraints given as sensor ids, checked against the network's {@code sensorIds} and the budget ⌈γN⌉: an
     * unknown id, an id in both lists or more must-keep sensors than the budget is refused, naming the field and ids.
     */
    public static SensorConstraints of(List<String> sensorIds, Collection<String> mustKeep, Collection<String> mustDrop,
            int budget) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < sensorIds.size(); i++) {
            index.put(sensorIds.get(i), i);
        }
        Set<Integer> keep = indices("mustKeep", mustKeep, index);
        Set<Integer> drop = indices("mustDrop", mustDrop, index);
        List<String> both = mustKeep.stream().filter(new LinkedHashSet<>(mustDrop)::contains).distinct().toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("mustKeep: sensors " + both + " are also in mustDrop");
        }
        if (keep.size() > budget) {
            throw new IllegalArgumentException("mustKeep: " + keep.size() + " sensors " + new LinkedHashSet<>(mustKeep)
                    + " are more than the budget ceil(gamma*N) = " + budget);
        }
        return new SensorConstraints(keep, drop);
    }

    private static Set<Integer> indices(String field, Collection<String> ids, Map<String, Integer> index) {
        List<String> unknown = ids.stream().filter(id -> !index.containsKey(id)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(field + ": unknown sensors " + unknown);
        }
        Set<Integer> out = new TreeSet<>();
        ids.forEach(id -> out.add(index.get(id)));
        return out;
    }

    /** True when the operator fixed every one of {@code nodes} sensors: there is nothing left to select. */
    public boolean fixesAll(int nodes) {
        return mustKeep.size() + mustDrop.size() == nodes;
    }

    /** How many of {@code nodes} sensors a selection may keep at most. */
    public int available(int nodes) {
        return nodes - mustDrop.size();
    }

    /** The sensors in index order, as a preference for {@link #pick}. */
    static int[] inOrder(int nodes) {
        int[] order = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            order[i] = i;
        }
        return order;
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
