package io.prunegcrn.network;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AGCRN's forward pass written out literally, per window, per step and per cell, in double precision and
 * without any of the graph's rearrangements: the yardstick the SameDiff graph is checked against.
 */
final class PlainAgcrnForward {

    private final NetworkShape s;
    private final ModelParameters p;

    PlainAgcrnForward(NetworkShape s, ModelParameters p) {
        this.s = s;
        this.p = p;
    }

    /** x[N, T, B, C] (node-major, as the graph takes it) -> forecast[N, B, horizon]. */
    double[][][] forecast(INDArray x) {
        int n = s.nodes();
        int batch = (int) x.size(2);
        double[][] e = matrix(p.get(ModelParameters.EMBEDDINGS));
        double[][][] supports = supports(e);
        float[] raw = p.get(ModelParameters.RAW_MASK).toFloatVector();
        double[][] graphBias = matrix(p.get(ModelParameters.GRAPH_BIAS));
        double[][][] out = new double[n][batch][s.horizon()];
        for (int b = 0; b < batch; b++) {
            // masked input sequence, T × N × C
            double[][][] seq = new double[s.lag()][n][s.inputDim()];
            for (int t = 0; t < s.lag(); t++) {
                for (int i = 0; i < n; i++) {
                    double m = Math.min(1, Math.max(0, raw[i])) >= 0.5 ? 1 : 0;
                    for (int c = 0; c < s.inputDim(); c++) {
                        seq[t][i][c] = m * x.getDouble(i, t, b, c) + (1 - m) * graphBias[i][c];
                    }
                }
            }
            for (int l = 0; l < s.layers(); l++) {
                double[][][] next = new double[s.lag()][][];
                double[][] h = new double[n][s.hiddenUnits()];
                for (int t = 0; t < s.lag(); t++) {
                    h = cell(l, seq[t], h, supports, e);
                    next[t] = h;
                }
                seq = next;
            }
            double[][] last = seq[s.lag() - 1];
            double[][] w = matrix(p.get(ModelParameters.HEAD_W));
            float[] hb = p.get(ModelParameters.HEAD_B).toFloatVector();
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < s.horizon(); o++) {
                    double v = hb[o];
                    for (int j = 0; j < s.hiddenUnits(); j++) {
                        v += last[i][j] * w[j][o];
                    }
                    out[i][b][o] = v;
                }
            }
        }
        return out;
    }

    private double[][] cell(int l, double[][] x, double[][] h, double[][][] supports, double[][] e) {
        int n = s.nodes();
        int hid = s.hiddenUnits();
        double[][] zr = gconv(l, concat(x, h), supports, e, true);
        double[][] zh = new double[n][hid];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2 * hid; j++) {
                zr[i][j] = 1 / (1 + Math.exp(-zr[i][j]));
            }
            for (int j = 0; j < hid; j++) {
                zh[i][j] = zr[i][j] * h[i][j];
            }
        }
        double[][] hc = gconv(l, concat(x, zh), supports, e, false);
        double[][] next = new double[n][hid];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < hid; j++) {
                double r = zr[i][hid + j];
                next[i][j] = r * h[i][j] + (1 - r) * Math.tanh(hc[i][j]);
            }
        }
        return next;
    }

    /** Σ_k T_k X W_n,k + b_n with W_n = E_n · W_pool, b_n = E_n · b_pool (gate: 2H outputs; candidate: H). */
    private double[][] gconv(int l, double[][] xh, double[][][] supports, double[][] e, boolean gate) {
        int n = s.nodes();
        int in = s.layerInput(l);
        int f = in + s.hiddenUnits();
        int hid = s.hiddenUnits();
        int outs = gate ? 2 * hid : hid;
        float[] wx = p.get(ModelParameters.inputWeights(l)).ravel().toFloatVector();       // d, K, in, 3H
        float[] wh = p.get(gate ? ModelParameters.gateStateWeights(l) : ModelParameters.candidateStateWeights(l)).ravel().toFloatVector(); // d, K, H, outs
        float[] bias = p.get(ModelParameters.bias(l)).ravel().toFloatVector();             // d, 3H
        double[][] out = new double[n][outs];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < s.chebK(); k++) {
                double[] tx = new double[f];
                for (int j = 0; j < n; j++) {
                    for (int c = 0; c < f; c++) {
                        tx[c] += supports[k][i][j] * xh[j][c];
                    }
                }
                for (int o = 0; o < outs; o++) {
                    double acc = 0;
                    for (int c = 0; c < f; c++) {
                        double w = 0;
                        for (int d = 0; d < s.embedDim(); d++) {
                            double pool = c < in
                                    ? wx[((d * s.chebK() + k) * in + c) * 3 * hid + (gate ? o : 2 * hid + o)]
                                    : wh[((d * s.chebK() + k) * hid + (c - in)) * outs + o];
                            w += e[i][d] * pool;
                        }
                        acc += tx[c] * w;
                    }
                    out[i][o] += acc;
                }
            }
            for (int o = 0; o < outs; o++) {
                for (int d = 0; d < s.embedDim(); d++) {
                    out[i][o] += e[i][d] * bias[d * 3 * hid + (gate ? o : 2 * hid + o)];
                }
            }
        }
        return out;
    }

    /** [I, A, 2A·A − I, ...] with A = softmax(relu(E·Eᵀ)) row-wise. */
    private double[][][] supports(double[][] e) {
        int n = s.nodes();
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int d = 0; d < s.embedDim(); d++) {
                    dot += e[i][d] * e[j][d];
                }
                a[i][j] = Math.max(0, dot);
                max = Math.max(max, a[i][j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                a[i][j] = Math.exp(a[i][j] - max);
                sum += a[i][j];
            }
            for (int j = 0; j < n; j++) {
                a[i][j] /= sum;
            }
        }
        double[][][] t = new double[s.chebK()][][];
        t[0] = new double[n][n];
        for (int i = 0; i < n; i++) {
            t[0][i][i] = 1;
        }
        t[1] = a;
        for (int k = 2; k < s.chebK(); k++) {
            t[k] = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double v = 0;
                    for (int m = 0; m < n; m++) {
                        v += a[i][m] * t[k - 1][m][j];
                    }
                    t[k][i][j] = 2 * v - t[k - 2][i][j];
                }
            }
        }
        return t;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length + b[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out[i], 0, a[i].length);
            System.arraycopy(b[i], 0, out[i], a[i].length, b[i].length);
        }
        return out;
    }

    private static double[][] matrix(INDArray a) {
        double[][] m = new double[(int) a.size(0)][(int) a.size(1)];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = a.getDouble(i, j);
            }
        }
        return m;
    }
}
