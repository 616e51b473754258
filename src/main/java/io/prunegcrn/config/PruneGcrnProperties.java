package io.prunegcrn.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service, under {@code prunegcrn.*} (environment: {@code PRUNEGCRN_*}). The API keys are
 * {@link io.prunegcrn.security.ApiKeyProperties}, the training jobs' {@code prunegcrn.training.*} the job feature's
 * {@code TrainingProperties}.
 *
 * @param dataDir    where every dataset, job, checkpoint and model lives (env PRUNEGCRN_DATA_DIR)
 * @param pretrained the model shipped with the service
 */
@ConfigurationProperties("prunegcrn")
public record PruneGcrnProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Pretrained pretrained) {

    /**
     * @param install    copy the bundled Los-loop model into an empty model store on start
     * @param firstSweep when no sweep exists on start, start Los-loop's linear budget curve (every selector, a random band;
     *                   a few minutes of CPU), so that a new user's first visit finds what each budget costs
     */
    public record Pretrained(@DefaultValue("true") boolean install, @DefaultValue("true") boolean firstSweep) {
    }
}
