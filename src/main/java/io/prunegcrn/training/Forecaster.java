package io.prunegcrn.training;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What forecasts from the kept sensors. */
public enum Forecaster {
    /** PruneGCRN: AGCRN reading the kept sensors, the others replaced by the learned graph bias. */
    @JsonProperty("network")
    NETWORK,
    /** MODEL.md's yardstick: ridge regression from the kept sensors' window to every sensor's horizon. */
    @JsonProperty("linear")
    LINEAR
}
