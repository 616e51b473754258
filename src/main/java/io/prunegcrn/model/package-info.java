/**
 * Trained models: on disk and in memory ({@code ModelRepository}, {@code ModelArchive}, {@code TrainedModel}), their
 * forecasts, their learned graph, and {@code /api/v1/models}. Every other endpoint on a model lives in a package below
 * this one ({@code backtest}, {@code sensorerror}, {@code whatif}, {@code report}), so that a model's URLs are found in
 * one place; the network they run is {@link io.prunegcrn.network}.
 */
package io.prunegcrn.model;
