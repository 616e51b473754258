package io.prunegcrn.training;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What a training run does: how it selects sensors ({@code method}, {@code gamma}), its {@code seed} (initialisation,
 * shuffling, random selection), what forecasts from them ({@code forecaster}; null in records written before it
 * existed: the network) and its {@link TrainingSettings}, held resolved (every null replaced by its default).
 * Stored flat, as one JSON object: the settings are unwrapped into it.
 */
public record TrainingConfig(SelectionMethod method, double gamma, long seed, Forecaster forecaster,
        @JsonUnwrapped TrainingSettings settings) {

    public TrainingConfig {
        TrainingSettings.require(method != null, "method: is required");
        requireGamma("gamma", gamma);
        forecaster = forecaster == null ? Forecaster.NETWORK : forecaster;
        TrainingSettings.require(forecaster == Forecaster.NETWORK || method != SelectionMethod.PRUNEGCRN,
                "method: the learned mask is learned by the network; the linear forecaster takes random, correlation, qr, "
                        + "greedy, forecast-greedy or full");
        settings = (settings == null ? TrainingSettings.NONE : settings).orElse(TrainingSettings.DEFAULTS);
        TrainingSettings.require(settings.epochs() >= 1, "epochs: must be in [1, 10000]");
        settings = settings.withDerivedPatience();
        settings.validate();
        if (method == SelectionMethod.FULL) {
            TrainingSettings.require(gamma == 1.0, "gamma: the full baseline keeps every sensor, so gamma must be 1");
            TrainingSettings.require(settings.mustDrop().isEmpty(),
                    "mustDrop: the full baseline reads every sensor; ask for prunegcrn at gamma 1 to leave some out");
        }
    }

    /** The one rule for γ, also applied to a sweep's list before any of its jobs is built. */
    public static void requireGamma(String field, double gamma) {
        TrainingSettings.require(gamma > 0 && gamma <= 1, field + ": must be in (0, 1], got " + gamma);
    }

    /** A network run of {@code method} (null: the learned mask) at {@code gamma}; a null seed is 1. */
    public static TrainingConfig of(SelectionMethod method, Double gamma, Long seed, TrainingSettings settings) {
        return of(method, gamma, seed, null, settings);
    }

    /**
     * A run of {@code method} at {@code gamma} by {@code forecaster} (null: the network); a null method is the learned
     * mask for the network and forecast-aware greedy for the linear forecaster; a null seed is 1.
     */
    public static TrainingConfig of(SelectionMethod method, Double gamma, Long seed, Forecaster forecaster,
            TrainingSettings settings) {
        SelectionMethod m = method != null ? method
                : forecaster == Forecaster.LINEAR ? SelectionMethod.FORECAST_GREEDY : SelectionMethod.PRUNEGCRN;
        return new TrainingConfig(m, gamma == null ? Double.NaN : gamma, seed == null ? 1 : seed, forecaster, settings);
    }

    /** MODEL.md's defaults for a method and γ, seed 1. */
    public static TrainingConfig defaults(SelectionMethod method, double gamma) {
        return of(method, gamma, null, null);
    }

    /** The same settings for another selection and forecaster: what a sweep varies. */
    public TrainingConfig with(SelectionMethod method, double gamma, long seed, Forecaster forecaster) {
        return new TrainingConfig(method, gamma, seed, forecaster, settings);
    }

    /**
     * The operator's must-keep and must-drop sensors as indices of a network with {@code sensorIds}, checked against
     * it and the budget ⌈γN⌉ (an IllegalArgumentException naming the field and the ids).
     */
    public SensorConstraints constraintsOn(List<String> sensorIds) {
        return SensorConstraints.of(sensorIds, settings.mustKeep(), settings.mustDrop(),
                new SensorBudget(sensorIds.size(), gamma).allowed());
    }

    /** True when the config names sensors that must stay or go. */
    public boolean constrained() {
        return !settings.mustKeep().isEmpty() || !settings.mustDrop().isEmpty();
    }

    /** Whether the network gets a linear highway: as asked, else for every pruned network (γ < 1). */
    public boolean linearHighway() {
        return forecaster == Forecaster.NETWORK
                && (settings.linearHighway() != null ? settings.linearHighway() : gamma < 1.0);
    }

    /** True when the mask is learned: PruneGCRN below γ = 1. */
    public boolean learnsMask() {
        return method == SelectionMethod.PRUNEGCRN && gamma < 1.0;
    }
}
