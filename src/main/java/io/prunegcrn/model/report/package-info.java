/**
 * What an operator takes away from a model: the sensors as GeoJSON for a GIS, and the decision report (budget, kept
 * sensors on a map, cost against the full model, per-sensor errors, constraints, failure curve) as JSON and as a
 * printable page.
 */
package io.prunegcrn.model.report;
