package io.prunegcrn.job;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
import io.prunegcrn.forecast.ModelRepository;
import io.prunegcrn.system.DataDirectory;

/**
 * The trainer entry point: {@code java -jar app.jar train-job JOB_ID [--prunegcrn.data-dir=DIR]} trains exactly
 * that job of the data directory and exits, without a web server. SIGTERM (Kubernetes deleting the Job or evicting
 * the pod, the service stopping its child) stops it after the running batch with a checkpoint. Exit status: 0 when
 * the job reached a final state (succeeded, failed for good, cancelled), 75 when it paused, 1 when training failed,
 * 2 for a bad command line.
 */
public final class TrainerMain {

    public static final String COMMAND = "train-job";
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
            JobTrainer trainer = new JobTrainer(new JobStore(ctx.getBean(DataDirectory.class)),
                    ctx.getBean(DatasetCatalog.class), ctx.getBean(ModelRepository.class));
            status = trainer.train(id, pause::get);
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
     * Only what training needs: settings, the data directory, datasets and models. Not a {@code @Configuration},
     * so the service's component scan does not pick it up.
     */
    @EnableConfigurationProperties(PruneGcrnProperties.class)
    @ImportAutoConfiguration(JacksonAutoConfiguration.class)
    @Import({ DataDirectory.class, DatasetCatalog.class, ModelRepository.class })
    static class TrainerContext {
    }
}
