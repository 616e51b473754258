package io.prunegcrn.model.runtime;

import org.nd4j.autodiff.samediff.SameDiff;

import io.prunegcrn.model.ModelParameters;
import io.prunegcrn.model.NetworkShape;

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
