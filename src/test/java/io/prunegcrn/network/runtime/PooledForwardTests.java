package io.prunegcrn.network.runtime;

import org.nd4j.autodiff.samediff.SameDiff;

import io.prunegcrn.network.ModelParameters;
import io.prunegcrn.network.NetworkShape;

/** The benchmark's pooled forward against the contract every serving forward meets. */
class PooledForwardTests extends ForwardContractTests {

    @Override
    Forecaster fromGraph(NetworkShape shape, SameDiff sd) {
        return PooledForward.of(shape, sd)::forecast;
    }

    @Override
    Forecaster fromParameters(NetworkShape shape, ModelParameters params) {
        return PooledForward.of(shape, params)::forecast;
    }
}
