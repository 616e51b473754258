package io.prunegcrn.job;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.model.ComputePools;
import io.prunegcrn.model.ForecastProperties;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.model.backtest.BacktestService;
import io.prunegcrn.model.sensorerror.SensorErrorService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.context.annotation.Bean;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.training.TrainingControl;
import io.prunegcrn.training.TrainingListener;

/**
 * The trainer entry point: {@code java -jar app.jar train-job JOB_ID [--prunegcrn.data-dir=DIR]} trains exactly
 * that job of the data directory and exits, without a web server. SIGTERM (Kubernetes deleting the Job or evicting
 * the pod, the service stopping its child) stops it after the running batch with a checkpoint. Exit status: 0 when
 * the job reached a final state (succeeded, failed for good, cancelled), 75 when it paused, 1 when training failed,
 * 2 for a bad command line.
 */
public final class TrainerMain {

    static final String COMMAND = "train-job";
    /** Exit status of a run that stopped with a checkpoint (SIGTERM) and should be started again. */
    static final int EXIT_PAUSED = 75;
    /** Set by the process runner: the trainer pauses when the service that started it is gone. */
    static final String PARENT_PID = "--trainer.parent-pid=";
    private static final Logger log = LoggerFactory.getLogger(TrainerMain.class);

    private TrainerMain() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && COMMAND.equals(args[0]);
    }

    public static void main(String[] args) {
        if (args.length < 2 || args[1].startsWith("--")) {
            System.err.println("usage: " + COMMAND + " JOB_ID [--prunegcrn.data-dir=DIR]");
            System.exit(2);
        }
        String id = args[1];
        DataDirectory.requireValidId(id);
        // first, so a later --prunegcrn.pretrained.install on the command line still wins; the service installs it
        String[] springArgs = new String[args.length - 1];
        springArgs[0] = "--prunegcrn.pretrained.install=false";
        System.arraycopy(args, 2, springArgs, 1, args.length - 2);
        AtomicBoolean pause = new AtomicBoolean();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            pause.set(true);
            try {
                // the training thread saves a checkpoint after its batch; Kubernetes waits terminationGracePeriodSeconds
                if (!done.await(55, TimeUnit.SECONDS)) {
                    log.warn("job {}: the batch did not finish in 55 s; it resumes from its last epoch checkpoint", id);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "trainer-shutdown"));
        for (String a : springArgs) {
            if (a.startsWith(PARENT_PID)) {
                ProcessHandle.of(Long.parseLong(a.substring(PARENT_PID.length()))).ifPresentOrElse(
                        parent -> parent.onExit().thenRun(() -> {
                            log.info("job {}: the service that started this trainer is gone; pausing", id);
                            pause.set(true);
                        }), () -> pause.set(true));
            }
        }
        int status;
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(TrainerContext.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .registerShutdownHook(false).run(springArgs)) {
            JobStore store = new JobStore(ctx.getBean(DataDirectory.class));
            JobTrainer trainer = new JobTrainer(store, JobTransitions.inTrainerProcess(store), ctx.getBean(DatasetCatalog.class),
                    ctx.getBean(ModelRepository.class), ctx.getBean(SensorErrorService.class)::storeFor);
            status = train(store, trainer, id, pause::get);
        } catch (RuntimeException e) {
            log.error("job {}: the trainer could not run", id, e);
            status = 1;
        } finally {
            done.countDown();
        }
        if (!stopping.get()) {
            // System.exit during shutdown would block on the hook above; the JVM is exiting then anyway (143)
            System.exit(status);
        }
    }

    /**
     * Trains the job of the record on disk to its end, or until {@code pause} turns true (a checkpoint is saved
     * first). Here a cancel is the marker file the service wrote, since the service cannot reach this process.
     *
     * @return the exit status: 0 when the job reached a final state, {@link #EXIT_PAUSED} when paused, 1 when it failed
     */
    static int train(JobStore store, JobTrainer trainer, String id, BooleanSupplier pause) {
        TrainingJob job = store.read(id).orElseThrow(() -> new IllegalArgumentException("no job record for " + id));
        if (job.status().finished()) {
            log.info("job {} is already {}; nothing to train", id, job.status());
            return 0;
        }
        JobTrainer.Outcome outcome;
        if (store.cancelRequested(id)) {
            outcome = trainer.cancelled(id);
        } else {
            TrainingControl control = new TrainingControl() {
                @Override
                public boolean cancelRequested() {
                    return store.cancelRequested(id);
                }

                @Override
                public boolean pauseRequested() {
                    return pause.getAsBoolean();
                }
            };
            outcome = trainer.train(trainer.start(job), control, TrainingListener.NONE);
        }
        return switch (outcome) {
            case FINISHED -> 0;
            case PAUSED -> EXIT_PAUSED;
            case FAILED -> 1;
        };
    }

    /**
     * Only what training needs: settings, the data directory, datasets and models, and what listens for a saved model
     * (the per-sensor errors, computed here as the in-process runner computes them, not by the first reader). Not a
     * {@code @Configuration}, so the service's component scan does not pick it up.
     */
    @EnableConfigurationProperties({ PruneGcrnProperties.class, ForecastProperties.class })
    @ImportAutoConfiguration(JacksonAutoConfiguration.class)
    @Import({ DataDirectory.class, DatasetCatalog.class, ModelRepository.class, ComputePools.class, BacktestService.class,
            SensorErrorService.class })
    static class TrainerContext {

        /** The compute pools' gauges have nowhere to go in a trainer process. */
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
