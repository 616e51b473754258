package io.prunegcrn;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The PruneGCRN service: trains sensor-pruning traffic forecasters and serves their forecasts and masks. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PruneGcrnApplication {

    public static void main(String[] args) {
        SpringApplication.run(PruneGcrnApplication.class, args);
    }
}
