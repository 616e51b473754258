package io.prunegcrn.training;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings of a training run besides what it selects (method, γ, seed): declared once, here. The job
 * request, the sweep request and the command line bind this record (the requests unwrap it into their own JSON),
 * and {@link TrainingConfig} stores it the same way, so a new setting is one component, its default and its check.
 * A null component means "the default" ({@link #DEFAULTS}: MODEL.md's, AGCRN's network sizes); a
 * {@link TrainingConfig} always holds them resolved.
 */
public record TrainingSettings(
        @Schema(description = "Maximum epochs, all phases together", example = "5", minimum = "1", maximum = "10000") Integer epochs,
        @Schema(description = "Windows per step", example = "64", minimum = "1", maximum = "4096") Integer batchSize,
        @Schema(description = "Adam learning rate of the network", example = "0.003") Double learningRate,
        @Schema(description = "Adam learning rate of the raw mask (learned selection only)", example = "0.05") Double maskLearningRate,
        @Schema(description = "Epochs without improvement of validation MAE, counted within the budget, before stopping "
                + "(default: a quarter of the epochs, at least 2 and at most 15)", example = "15", minimum = "1") Integer patience,
        @Schema(description = "GRU units per node", example = "64", minimum = "1", maximum = "1024") Integer hiddenUnits,
        @Schema(description = "Node-embedding size d", example = "10", minimum = "1", maximum = "256") Integer embedDim,
        @Schema(description = "Support order K (identity and the adaptive adjacency: 2)", example = "2", minimum = "2",
                maximum = "5") Integer chebK,
        @Schema(description = "Epochs before the mask learns (default: derived from epochs)", minimum = "0") Integer warmupEpochs,
        @Schema(description = "Epochs in which the mask learns (default: derived from epochs)", minimum = "0") Integer pruneEpochs,
        @Schema(description = "A trained model of the same dataset and network shape whose weights this run starts from "
                + "(its mask is not taken)", example = "los-loop-full") String warmStart,
        @Schema(description = "Add a linear highway to the network: ridge from the kept sensors' window, refitted on the "
                + "network's residual every epoch with a frozen mask (default: on for a pruned network, off at gamma 1)")
        Boolean linearHighway,
        @Schema(description = "Where the learned mask starts: uniform (every raw value 0.5), a fixed selector's pick "
                + "(random, correlation, qr, greedy, forecast-greedy: picks at 0.75, the rest at 0.25), or best (the fixed selector whose set "
                + "the linear forecaster reads best on the validation split)", example = "best") String maskStart,
        @Schema(description = "Sensor ids every selector must keep (they count towards the budget ceil(gamma*N))",
                example = "[]") List<String> mustKeep,
        @Schema(description = "Sensor ids no selector may keep (broken, scheduled for removal)", example = "[]") List<String> mustDrop) {

    /** Every setting left to its default. */
    public static final TrainingSettings NONE = new TrainingSettings(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    /**
     * MODEL.md's defaults; warm-up and pruning epochs stay null ({@link MaskSchedule} derives them from the epochs), and
     * so do the patience ({@link #withDerivedPatience}), the warm start (none) and the linear highway
     * ({@link TrainingConfig#linearHighway()}: on below γ = 1); no sensor must stay or go.
     */
    public static final TrainingSettings DEFAULTS = new TrainingSettings(100, 64, 0.003, 0.05, null, 64, 10, 2, null, null, null,
            null, "uniform", List.of(), List.of());

    private static final JsonMapper BINDER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * Settings from name-value pairs, named as in the JSON requests (the command line's options, tests); values may be
     * strings, and a list a comma-separated string. An unknown name or a value of the wrong type is refused, naming it.
     */
    public static TrainingSettings of(Map<String, ?> values) {
        Map<String, Object> named = new LinkedHashMap<>(values);
        for (RecordComponent c : TrainingSettings.class.getRecordComponents()) {
            if (c.getType() == List.class && named.get(c.getName()) instanceof String s) {
                named.put(c.getName(), Arrays.stream(s.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList());
            }
        }
        try {
            return BINDER.convertValue(named, TrainingSettings.class);
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() ? "settings" : e.getPath().get(0).getPropertyName();
            throw new IllegalArgumentException(field + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** These settings with the named ones changed, as {@link #of} names them. */
    public TrainingSettings with(Map<String, ?> changes) {
        return of(changes).orElse(this);
    }

    /** These settings with each null taken from {@code d}. */
    public TrainingSettings orElse(TrainingSettings d) {
        return new TrainingSettings(or(epochs, d.epochs), or(batchSize, d.batchSize), or(learningRate, d.learningRate),
                or(maskLearningRate, d.maskLearningRate), or(patience, d.patience), or(hiddenUnits, d.hiddenUnits),
                or(embedDim, d.embedDim), or(chebK, d.chebK), or(warmupEpochs, d.warmupEpochs),
                or(pruneEpochs, d.pruneEpochs), or(warmStart, d.warmStart), or(linearHighway, d.linearHighway),
                or(maskStart, d.maskStart), or(mustKeep, d.mustKeep), or(mustDrop, d.mustDrop));
    }

    /**
     * These settings with the default patience when none is given: a quarter of the epochs, at least 2 and at most
     * MODEL.md's 15 (15 at 100 epochs; 2 for the few epochs of a warm-started pruned network, which stops once its
     * validation MAE stops falling).
     */
    TrainingSettings withDerivedPatience() {
        return patience != null ? this : with(Map.of("patience", Math.min(15, Math.max(2, epochs / 4))));
    }

    /** The checks of resolved settings; a violation names the field (a 400 over HTTP). */
    void validate() {
        require(epochs >= 1 && epochs <= 10_000, "epochs: must be in [1, 10000]");
        require(batchSize >= 1 && batchSize <= 4096, "batchSize: must be in [1, 4096]");
        require(learningRate > 0 && learningRate < 10, "learningRate: must be in (0, 10)");
        require(maskLearningRate > 0 && maskLearningRate < 10, "maskLearningRate: must be in (0, 10)");
        require(patience >= 1, "patience: must be at least 1");
        require(hiddenUnits >= 1 && hiddenUnits <= 1024, "hiddenUnits: must be in [1, 1024]");
        require(embedDim >= 1 && embedDim <= 256, "embedDim: must be in [1, 256]");
        require(chebK >= 2 && chebK <= 5, "chebK: must be in [2, 5]");
        require(warmupEpochs == null || warmupEpochs >= 0, "warmupEpochs: must not be negative");
        require(pruneEpochs == null || pruneEpochs >= 0, "pruneEpochs: must not be negative");
        require(MaskStart.isValid(maskStart), "maskStart: must be uniform, best, random, correlation, qr, greedy or forecast-greedy, got "
                + maskStart);
        require(mustKeep.stream().allMatch(TrainingSettings::isId), "mustKeep: sensor ids must not be null or blank");
        require(mustDrop.stream().allMatch(TrainingSettings::isId), "mustDrop: sensor ids must not be null or blank");
    }

    /** The same settings with other sensor constraints (ids; empty lists for none). */
    public TrainingSettings withConstraints(List<String> keep, List<String> drop) {
        return with(Map.of("mustKeep", keep, "mustDrop", drop));
    }

    private static boolean isId(String id) {
        return id != null && !id.isBlank();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
