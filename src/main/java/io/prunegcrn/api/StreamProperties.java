package io.prunegcrn.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Long-lived answers (server-sent events), under {@code prunegcrn.streams.*}.
 *
 * @param heartbeat how often an open event stream gets a comment line, so that proxies and load balancers that close
 *                  idle connections (often after 30 or 60 s) keep it open while a job waits in the queue
 */
@ConfigurationProperties("prunegcrn.streams")
public record StreamProperties(@DefaultValue("10s") Duration heartbeat) {

    public StreamProperties {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("prunegcrn.streams.heartbeat must be positive");
        }
    }
}
