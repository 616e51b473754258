package io.prunegcrn.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.prunegcrn.network.BinaryClampOp;

/**
 * Which sensors a model reads. {@code values[i]} is the binary mask (1: the model reads sensor i; 0: it sees the
 * learned bias instead) and {@code raw[i]} the raw mask value r_i that produced it (for a fixed mask, the value it
 * was frozen at). Every reader of a mask goes through this type, so "kept" means one thing: the binary clamp's
 * {@code clamp(r, 0, 1) >= 0.5}, applied to the stored binary values.
 */
public record SensorMask(float[] values, float[] raw) {

    /** The clamp's threshold: a value at or above it keeps the sensor. */
    public static final float KEEP = 0.5f;

    public SensorMask {
        if (values.length != raw.length) {
            throw new IllegalArgumentException("mask has " + values.length + " values but " + raw.length + " raw values");
        }
    }

    /** The mask the clamp makes of {@code raw}: sensor i is kept when r_i ≥ 0.5. */
    public static SensorMask fromRaw(float[] raw) {
        float[] values = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = BinaryClampOp.clamp(raw[i]);
        }
        return new SensorMask(values, raw);
    }

    /** True when a mask or raw value keeps its sensor. */
    public static boolean isOn(float value) {
        return value >= KEEP;
    }

    public int size() {
        return values.length;
    }

    public boolean isKept(int sensor) {
        return isOn(values[sensor]);
    }

    public int keptCount() {
        return keptCount(values);
    }

    /** How many of the binary {@code values} keep their sensor. */
    public static int keptCount(float[] values) {
        int kept = 0;
        for (float v : values) {
            kept += isOn(v) ? 1 : 0;
        }
        return kept;
    }

    /** The kept sensors' indices, ascending. */
    public List<Integer> kept() {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (isKept(i)) {
                kept.add(i);
            }
        }
        return kept;
    }

    /** The kept sensors' indices, most important first: by raw value, descending (ties by index). */
    public List<Integer> keptByRawValue() {
        List<Integer> kept = kept();
        kept.sort(Comparator.<Integer>comparingDouble(i -> -raw[i]).thenComparing(i -> i));
        return kept;
    }
}
