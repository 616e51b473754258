/**
 * Test error per sensor: what the forecast at a sensor costs when the model reads it or not. Computed when a model
 * is made and stored next to it; models made before this existed compute it on the first request.
 */
package io.prunegcrn.model.sensorerror;
