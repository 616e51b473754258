package io.prunegcrn;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.prunegcrn.job.TrainerMain;

/** The PruneGCRN service: trains sensor-pruning traffic forecasters and serves their forecasts and masks. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PruneGcrnApplication {

    public static void main(String[] args) {
        if (TrainerMain.handles(args)) {
            // the same jar trains one job and exits (process and kubernetes runners)
            TrainerMain.main(args);
            return;
        }
        SpringApplication.run(PruneGcrnApplication.class, args);
    }
}
