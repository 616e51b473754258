/** Backtests: a model's forecasts over every window of a range of steps, their error per horizon, streamed on request. */
package io.prunegcrn.model.backtest;
