/** Sweeps: the same training over methods, γ values and seeds, compared by MAE against sensors kept. */
package io.prunegcrn.sweep;
