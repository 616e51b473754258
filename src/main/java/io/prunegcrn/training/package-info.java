/**
 * Training a PruneGCRN network on a dataset, with no Spring in it (jobs, the command line and benchmarks share it).
 *
 * <ul>
 * <li>What a run does: {@code TrainingConfig} (made by its one {@code Builder}), {@code SelectionMethod},
 *     {@code SensorBudget} (⌈γN⌉); what it gives: {@code TrainingResult} (the parameters, the
 *     {@code TrainingOutcome} a model keeps, the {@code MaskDiagnostics}), {@code EpochRecord}, and the
 *     {@code SensorMask} every reader of a mask uses.</li>
 * <li>The run: {@code PruneGcrnTrainer} (the epoch loop) with {@code MaskState} (the mask's phases from
 *     {@code MaskSchedule}, driven by the {@code SensorSelector} or fixed by {@code BaselineSelection}),
 *     {@code GradientStep} and {@code AdamOptimizer} (one optimisation step), {@code ForecastEvaluation} (validation
 *     and test) and {@code BestEpoch} (early stopping).</li>
 * <li>Stopping and resuming: {@code TrainingControl}, {@code TrainingListener}/{@code TrainingProgress},
 *     {@code TrainingCheckpoint} kept by a {@code CheckpointStore} ({@code FileCheckpointStore}).</li>
 * </ul>
 */
package io.prunegcrn.training;
