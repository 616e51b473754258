/** The graph a model learned (AGCRN's adaptive adjacency softmax(relu(E·Eᵀ))), for drawing networks without coordinates. */
package io.prunegcrn.learnedgraph;
