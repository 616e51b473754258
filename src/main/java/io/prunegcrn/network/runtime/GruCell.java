package io.prunegcrn.network.runtime;

import java.util.stream.IntStream;

/**
 * The element-wise part of the graph's GRU step in plain Java, the same whichever way the graph convolutions are
 * computed. Rows are node-major ({@code batch} rows per node); per-node biases are {@code [N, 3H]} (z, r, candidate).
 * Rows are split over the cores: at a batch of 64 windows a step has about a million gates.
 */
final class GruCell {

    private static final int ROWS_PER_TASK = 64;

    private GruCell() {
    }

    /** Runs {@code body} over row ranges {@code [from, to)} of {@code rows}, in parallel where there are enough. */
    private static void forRows(int rows, RowRange body) {
        int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(t -> body.run(t * ROWS_PER_TASK, Math.min(rows, (t + 1) * ROWS_PER_TASK)));
    }

    private interface RowRange {
        void run(int from, int to);
    }

    private static float sigmoid(float v) {
        return 1f / (1f + (float) Math.exp(-v));
    }

    /** tanh v = 2σ(2v) − 1 through {@code Math.exp}, an intrinsic ({@code Math.tanh} is not one in Java 17: 3–7× slower here). */
    private static float tanh(float v) {
        return 2f * sigmoid(2f * v) - 1f;
    }

    /**
     * z, r = σ(input half + bias + state half), each {@code [N·B, H]}.
     *
     * @param inputPart {@code [N·B, 3H]}
     * @param statePart {@code [N·B, 2H]}, or null at the first step (h = 0)
     */
    static void gates(float[] inputPart, float[] statePart, float[] bias, int batch, int h, float[] z, float[] r) {
        forRows(z.length / h, (from, to) -> {
            for (int row = from; row < to; row++) {
                int node = row / batch;
                for (int o = 0; o < 2 * h; o++) {
                    float v = inputPart[row * 3 * h + o] + bias[node * 3 * h + o];
                    if (statePart != null) {
                        v += statePart[row * 2 * h + o];
                    }
                    if (o < h) {
                        z[row * h + o] = sigmoid(v);
                    } else {
                        r[row * h + o - h] = sigmoid(v);
                    }
                }
            }
        });
    }

    /** z ⊙ h: what the candidate's graph convolution reads. */
    static float[] gatedState(float[] z, float[] state) {
        float[] zh = new float[z.length];
        for (int i = 0; i < zh.length; i++) {
            zh[i] = z[i] * state[i];
        }
        return zh;
    }

    /**
     * r·h + (1 − r)·tanh(candidate input half + bias + candidate state half), {@code [N·B, H]}.
     *
     * @param candPart {@code [N·B, H]}, or null at the first step, where {@code state} is null too (h = 0)
     */
    static float[] nextState(float[] inputPart, float[] candPart, float[] bias, float[] r, float[] state, int batch,
            int h) {
        float[] next = new float[r.length];
        forRows(r.length / h, (from, to) -> {
            for (int row = from; row < to; row++) {
                int node = row / batch;
                for (int o = 0; o < h; o++) {
                    float v = inputPart[row * 3 * h + 2 * h + o] + bias[node * 3 * h + 2 * h + o];
                    if (candPart != null) {
                        v += candPart[row * h + o];
                    }
                    float hc = tanh(v);
                    int i = row * h + o;
                    float keep = (1f - r[i]) * hc;
                    next[i] = state == null ? keep : r[i] * state[i] + keep;              // r·h + (1 − r)·hc
                }
            }
        });
        return next;
    }
}
