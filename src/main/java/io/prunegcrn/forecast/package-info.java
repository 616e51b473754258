/** Trained models on disk and in memory, and forecasts from them. */
package io.prunegcrn.forecast;
