package dev.equivariance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.backend.nd4j.Nd4jTestSetup;
import dev.equivariance.backend.nd4j.SameDiffModel;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The snippet of docs/nd4j.md, as written there, on a SameDiff graph that scales each vector by a function of its
 * length ({@code y = x * sigmoid(|x|^2)}: rotation equivariant).
 */
@EquivarianceTest
class SameDiffDocTest {

    static final SameDiff sd = gatedVectors();

    static SameDiff gatedVectors() {
        Nd4jTestSetup.init();
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, -1, 3);
        SDVariable gate = sd.nn.sigmoid(sd.sum(x.mul(x), true, 2));
        x.mul("y", gate);
        return sd;
    }

    @ModelUnderTest
    static SameDiffModel model() { return SameDiffModel.of(sd).inputs("x").outputs("y"); }

    @EquivariantUnder(group = "SO(3)", input = "vector", output = "vector", inputShape = {2, 5, 3}, seed = "5")
    void namedPlaceholdersAndOutputs(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aGraphWithOnePlaceholderAndOneOutput_isPassedAsItIs() {
        AuditReport report = Audit.of(sd).group("SO(3)").input("vector", 2, 5, 3).output("vector").run();   // inferred
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }
}
