package io.prunegcrn.training;

/** How the sensors the model may see are chosen (MODEL.md, baselines). */
public enum SelectionMethod {
    /** The learned binary mask of PruneGCRN. */
    PRUNEGCRN,
    /** ⌈γN⌉ sensors drawn with the seed, mask frozen. */
    RANDOM,
    /** Greedy correlation cover of the training series, mask frozen. */
    CORRELATION,
    /** Every sensor (γ = 1, AGCRN). */
    FULL
}
