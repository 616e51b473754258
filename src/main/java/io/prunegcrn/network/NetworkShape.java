package io.prunegcrn.network;

/**
 * The sizes that fix a PruneGCRN graph. Defaults are AGCRN's (MODEL.md): d = 10, K = 2, 2 layers of
 * 64 units, 12 steps in, 12 steps out.
 *
 * @param nodes       N, sensors in the network
 * @param inputDim    C, channels per reading fed to the model (1: the target channel)
 * @param hiddenUnits H, GRU units per node
 * @param layers      stacked GRU layers
 * @param chebK       K, supports [I, A, 2A²-I, ...]
 * @param embedDim    d, node-embedding size
 * @param lag         input steps
 * @param horizon     output steps
 */
public record NetworkShape(int nodes, int inputDim, int hiddenUnits, int layers, int chebK, int embedDim, int lag,
        int horizon) {

    /** Input steps of every window the service trains and serves on (AGCRN's 12: one hour of 5-minute readings). */
    public static final int LAG = 12;
    /** Steps every trained model forecasts (AGCRN's 12). */
    public static final int HORIZON = 12;

    public NetworkShape {
        require(nodes >= 2, "nodes must be at least 2");
        require(inputDim >= 1, "inputDim must be at least 1");
        require(hiddenUnits >= 1, "hiddenUnits must be at least 1");
        require(layers >= 1, "layers must be at least 1");
        require(chebK >= 2, "chebK must be at least 2 (identity and the adaptive adjacency)");
        require(embedDim >= 1, "embedDim must be at least 1");
        require(lag >= 1 && horizon >= 1, "lag and horizon must be at least 1");
    }

    public static NetworkShape agcrn(int nodes) {
        return new NetworkShape(nodes, 1, 64, 2, 2, 10, LAG, HORIZON);
    }

    /** Input features of layer {@code l}: the readings for the first layer, the previous hidden state after. */
    public int layerInput(int layer) {
        return layer == 0 ? inputDim : hiddenUnits;
    }

    /** AGCRN's parameter count plus PruneGCRN's raw mask (N) and graph bias (N·C). */
    public long parameterCount() {
        long count = (long) nodes * embedDim;
        for (int l = 0; l < layers; l++) {
            long f = layerInput(l) + hiddenUnits;
            count += (long) embedDim * chebK * f * 3 * hiddenUnits + (long) embedDim * 3 * hiddenUnits;
        }
        count += (long) hiddenUnits * horizon + horizon;
        return count + nodes + (long) nodes * inputDim;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
