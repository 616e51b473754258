package io.prunegcrn.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service, under {@code prunegcrn.*} (environment: {@code PRUNEGCRN_*}). The API keys are
 * {@link io.prunegcrn.security.ApiKeyProperties}.
 *
 * @param dataDir    where every dataset, job, checkpoint and model lives (env PRUNEGCRN_DATA_DIR)
 * @param training   the training executor
 * @param pretrained the model shipped with the service
 */
@ConfigurationProperties("prunegcrn")
public record PruneGcrnProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Training training, @DefaultValue Pretrained pretrained) {

    /**
     * @param concurrency   training jobs that run at once (each uses every core ND4J is given)
     * @param queueCapacity jobs that may wait; beyond it a submission is answered 429
     * @param maxEpochs     the most epochs one job may ask for
     */
    public record Training(@DefaultValue("1") int concurrency, @DefaultValue("64") int queueCapacity,
            @DefaultValue("500") int maxEpochs) {
    }

    /**
     * @param install    copy the bundled Los-loop model into an empty model store on start
     * @param firstSweep when no sweep exists on start, start Los-loop's linear budget curve (every selector, a random band;
     *                   a few minutes of CPU), so that a new user's first visit finds what each budget costs
     */
    public record Pretrained(@DefaultValue("true") boolean install, @DefaultValue("true") boolean firstSweep) {
    }
}
