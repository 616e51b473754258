package io.prunegcrn.model.runtime;

/**
 * The element-wise part of the graph's GRU step in plain Java, the same whichever way the graph convolutions are
 * computed. Rows are node-major ({@code batch} rows per node); per-node biases are {@code [N, 3H]} (z, r, candidate).
 */
final class GruCell {

    private GruCell() {
    }

    /**
     * z, r = σ(input half + bias + state half), each {@code [N·B, H]}.
     *
     * @param inputPart {@code [N·B, 3H]}
     * @param statePart {@code [N·B, 2H]}, or null at the first step (h = 0)
     */
    static void gates(float[] inputPart, float[] statePart, float[] bias, int batch, int h, float[] z, float[] r) {
        int rows = z.length / h;
        for (int row = 0; row < rows; row++) {
            int node = row / batch;
            for (int o = 0; o < 2 * h; o++) {
                float v = inputPart[row * 3 * h + o] + bias[node * 3 * h + o];
                if (statePart != null) {
                    v += statePart[row * 2 * h + o];
                }
                float sig = 1f / (1f + (float) Math.exp(-v));
                if (o < h) {
                    z[row * h + o] = sig;
                } else {
                    r[row * h + o - h] = sig;
                }
            }
        }
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
        int rows = r.length / h;
        float[] next = new float[rows * h];
        for (int row = 0; row < rows; row++) {
            int node = row / batch;
            for (int o = 0; o < h; o++) {
                float v = inputPart[row * 3 * h + 2 * h + o] + bias[node * 3 * h + 2 * h + o];
                if (candPart != null) {
                    v += candPart[row * h + o];
                }
                float hc = (float) Math.tanh(v);
                int i = row * h + o;
                float keep = (1f - r[i]) * hc;
                next[i] = state == null ? keep : r[i] * state[i] + keep;                  // r·h + (1 − r)·hc
            }
        }
        return next;
    }
}
