package io.prunegcrn.training;

import java.util.Locale;

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
    /** QR column pivoting on the training series' POD modes (Manohar et al. 2018), mask frozen. */
    @JsonProperty("qr")
    QR,
    /** Greedy conditional-variance reduction on the training covariance (Krause et al. 2008), mask frozen. */
    @JsonProperty("greedy")
    GREEDY,
    /**
     * Forecast-aware greedy: greedy variance reduction of every sensor's readings 1 to 12 steps ahead, from the
     * candidates' current readings (lagged covariances), mask frozen.
     */
    @JsonProperty("forecast-greedy")
    FORECAST_GREEDY,
    /** Every sensor (γ = 1, AGCRN). */
    @JsonProperty("full")
    FULL;

    /** The method of a JSON name ({@code forecast-greedy}; the constant's name is taken too), for settings and the command line. */
    public static SelectionMethod of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("method: unknown '" + name + "'");
        }
    }
}
