package io.prunegcrn;

import org.nd4j.common.config.ND4JClassLoading;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.prunegcrn.job.TrainerMain;

/** The PruneGCRN service: trains sensor-pruning traffic forecasters and serves their forecasts and masks. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PruneGcrnApplication {

    static {
        // ND4J resolves its ops with the class loader of the first thread that touches it. In a web server that can be
        // a request thread whose (web application) loader dies with the server; pin it to the application's own.
        ND4JClassLoading.setNd4jClassloaderFromClass(PruneGcrnApplication.class);
    }

    public static void main(String[] args) {
        if (TrainerMain.handles(args)) {
            // the same jar trains one job and exits (process and kubernetes runners)
            TrainerMain.main(args);
            return;
        }
        SpringApplication.run(PruneGcrnApplication.class, args);
    }
}
