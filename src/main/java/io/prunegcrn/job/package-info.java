/**
 * Training jobs. {@link io.prunegcrn.job.TrainingJobService} is what the API, sweeps and datasets use; job records and
 * checkpoints live in the data directory ({@code JobStore}); a {@code JobRunner} trains them, in this JVM or in trainer
 * processes or Kubernetes Jobs ({@code ExternalJobQueue}), all through the same {@code JobTrainer}. Every change of a job
 * is recorded by {@code JobTransitions}, which then tells its followers through plain {@code JobEvents}, which
 * {@code JobEventStream} serves as server-sent events.
 */
package io.prunegcrn.job;
