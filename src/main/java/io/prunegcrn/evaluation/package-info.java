/** Forecast metrics as MODEL.md defines them: MAE, RMSE and MAPE per horizon step and averaged. */
package io.prunegcrn.evaluation;
