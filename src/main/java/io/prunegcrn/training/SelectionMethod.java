package io.prunegcrn.training;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the sensors the model may see are chosen (MODEL.md, baselines). */
public enum SelectionMethod {
    /** The learned binary mask of PruneGCRN. */
    @JsonProperty("prunegcrn")
    PRUNEGCRN,
    /** ⌈γN⌉ sensors drawn with the seed, mask frozen. */
    @JsonProperty("random")
    RANDOM,
    /** Greedy correlation cover of the training series, mask frozen. */
    @JsonProperty("correlation")
    CORRELATION,
    /** Every sensor (γ = 1, AGCRN). */
    @JsonProperty("full")
    FULL
}
