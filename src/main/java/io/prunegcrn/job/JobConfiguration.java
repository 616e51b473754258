package io.prunegcrn.job;

import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.model.sensorerror.SensorErrorService;
import io.prunegcrn.network.runtime.Cores;
import io.prunegcrn.system.DataDirectory;

/** Wires the job records and the runner that {@code prunegcrn.training.runner} names. */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JobConfiguration.class);

    @Bean
    JobStore jobStore(DataDirectory dir) {
        return new JobStore(dir);
    }

    /** Closed on shutdown (the inferred destroy method): a running job checkpoints and stays queued. */
    @Bean
    JobRunner jobRunner(TrainingProperties training, Environment environment, JobStore store, JobEvents events,
            JobMetrics metrics, DatasetCatalog datasets, ModelRepository models, SensorErrorService sensorErrors,
            ObjectProvider<KubernetesTraining> kubernetes) {
        TrainingProperties.refuseRenamed(environment);
        JobTransitions transitions = JobTransitions.inService(store, events);
        if (training.runner() == TrainingProperties.Runner.IN_PROCESS) {
            Cores.shareForTraining(training.threads());
            log.info("training jobs run in this process, at most {} at once on {} thread(s) each", training.maxParallelJobs(),
                    training.threads());
            JobTrainer trainer = new JobTrainer(store, transitions, datasets, models, sensorErrors::storeFor);
            return new InProcessJobRunner(store, trainer, transitions, metrics, training.maxParallelJobs(), training.threads(),
                    training.queueCapacity());
        }
        ExternalRunner runner;
        BooleanSupplier leader;
        if (training.runner() == TrainingProperties.Runner.PROCESS) {
            runner = new ProcessRunner(store, training.process(), training.threads());
            leader = () -> true;
        } else {
            KubernetesTraining k8s = kubernetes.getObject();
            runner = k8s.runner();
            leader = k8s::isLeader;
        }
        ExternalJobQueue queue = new ExternalJobQueue(store, transitions, runner, training.maxParallelJobs(), training.queueCapacity(),
                training.pollInterval(), leader);
        kubernetes.ifAvailable(k8s -> k8s.onChange(queue::wake));
        log.info("training jobs run with the {} runner, at most {} at once", training.runner(), training.maxParallelJobs());
        return queue;
    }

    /** Interrupted jobs are taken up once the application has started, not while its beans are built. */
    @Bean
    ApplicationRunner jobRecovery(JobRunner runner) {
        return args -> runner.recover();
    }
}
