package io.prunegcrn.dataset;

/** A road link between two sensors (indices into the series' sensor order) and its cost (e.g. metres). */
public record RoadEdge(int from, int to, double cost) {
}
