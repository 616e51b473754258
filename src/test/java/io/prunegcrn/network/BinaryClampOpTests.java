package io.prunegcrn.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BinaryClampOpTests {

    private static final float[] RAW = {-1f, 0f, 0.49f, 0.49999997f, 0.5f, 0.51f, 1f, 2f};
    private static final float[] EXPECTED = {0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f};

    @Test
    void forwardIsOneExactlyWhereTheClampedValueReachesOneHalf() {
        SameDiff sd = SameDiff.create();
        SDVariable r = sd.var("r", Nd4j.createFromArray(RAW));
        BinaryClampOp.apply(sd, "m", r);

        INDArray m = sd.output(Map.of(), "m").get("m");

        assertThat(m.toFloatVector()).containsExactly(EXPECTED);
    }

    @Test
    void nanIsDropped() {
        SameDiff sd = SameDiff.create();
        BinaryClampOp.apply(sd, "m", sd.var("r", Nd4j.createFromArray(Float.NaN, 0.7f)));

        assertThat(sd.output(Map.of(), "m").get("m").toFloatVector()).containsExactly(0f, 1f);
    }

    @Test
    void gradientPassesStraightThroughIncludingForDroppedSensors() {
        float[] w = {0.3f, -1.5f, 2f, 4f, -0.25f, 7f, 0.125f, -3f};
        SameDiff sd = SameDiff.create();
        SDVariable r = sd.var("r", Nd4j.createFromArray(RAW));
        SDVariable weights = sd.constant("w", Nd4j.createFromArray(w));
        SDVariable m = BinaryClampOp.apply(sd, "m", r);
        m.mul(weights).sum().rename("loss");
        sd.setLossVariables("loss");

        INDArray grad = sd.calculateGradients(Map.of(), "r").get("r");

        assertThat(grad.toFloatVector()).containsExactly(w);
        assertThat(sd.output(Map.of(), "loss").get("loss").getFloat(0))
                .isEqualTo(2f * 0 + 4f * 0 - 0.25f + 7f + 0.125f - 3f);
    }

    @Test
    void savedGraphLoadsBackWithTheSameOpAndGradient(@TempDir Path dir) {
        SameDiff sd = SameDiff.create();
        SDVariable r = sd.var("r", Nd4j.createFromArray(RAW));
        BinaryClampOp.apply(sd, "m", r).mul(2.0).sum().rename("loss");
        sd.setLossVariables("loss");
        File file = dir.resolve("clamp.fb").toFile();
        sd.save(file, false);

        SameDiff loaded = SameDiff.load(file, false);

        assertThat(loaded.getVariableOutputOp("m")).isInstanceOf(BinaryClampOp.class);
        assertThat(loaded.output(Map.of(), "m").get("m").toFloatVector()).containsExactly(EXPECTED);
        float[] grad = loaded.calculateGradients(Map.of(), "r").get("r").toFloatVector();
        assertThat(grad).containsOnly(2f).hasSize(RAW.length);
        assertThat(loaded.getVariable("r").getArr().dataType()).isEqualTo(DataType.FLOAT);
    }
}
