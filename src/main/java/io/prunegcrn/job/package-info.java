/** Training jobs: a bounded executor around the trainer, job records, checkpoints, progress events. */
package io.prunegcrn.job;
