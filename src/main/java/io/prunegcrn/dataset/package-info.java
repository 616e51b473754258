/**
 * Traffic datasets: readers for CSV and npz series, sensor coordinates and road graphs, the chronological
 * split, z-score and sliding windows, the bundled Los-loop and the catalog of uploads.
 */
package io.prunegcrn.dataset;
