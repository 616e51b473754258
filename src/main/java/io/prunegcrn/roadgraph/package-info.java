/** A dataset's road graph over HTTP, for drawing the network. */
package io.prunegcrn.roadgraph;
