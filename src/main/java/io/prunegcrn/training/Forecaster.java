package io.prunegcrn.training;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What forecasts from the kept sensors. */
public enum Forecaster {
    /** PruneGCRN: AGCRN reading the kept sensors, the others replaced by the learned graph bias. */
    @JsonProperty("network")
    NETWORK,
    /** MODEL.md's yardstick: ridge regression from the kept sensors' window to every sensor's horizon. */
    @JsonProperty("linear")
    LINEAR;

    /** By name, any case ({@code network}, {@code linear}); anything else is refused, naming the choices. */
    public static Forecaster of(String name) {
        for (Forecaster f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown forecaster '" + name + "': network or linear");
    }
}
