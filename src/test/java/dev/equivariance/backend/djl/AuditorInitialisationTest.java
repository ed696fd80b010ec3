package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.report.TextReport;
import org.junit.jupiter.api.Test;

/** Blocks the auditor initialises get non-zero biases, so bias bugs show; a user's initialised block is left alone. */
class AuditorInitialisationTest {

    /** A Linear on the channel axis of vectors (B, 3, channels): x W^T mixes channels, the bias adds (b, b, b). */
    private static AuditReport channelMixing(Block linear) {
        return Audit.of(linear).group("SO(3)").input("vector(axis=1)", 2, 3, 5).output("vector(axis=1)")
                .trials(12).seed(1).run();
    }

    @Test
    void aBiasedLinearMixingVectorChannels_failsWhenTheAuditorInitialisesIt() {
        AuditReport report = channelMixing(Linear.builder().setUnits(4).build());
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(report.notes()).as(text).anySatisfy(n -> assertThat(n)
                .contains("The auditor initialised the block").contains("1 bias parameter(s)")
                .contains("N(0, 0.1^2)"));
    }

    @Test
    void theSameLinearWithoutBias_passes() {
        AuditReport report = channelMixing(Linear.builder().setUnits(4).optBias(false).build());
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
        assertThat(report.notes()).noneMatch(n -> n.contains("The auditor initialised the block"));
    }

    @Test
    void aBlockTheUserInitialised_isAuditedAsItIs() {
        Block linear = Linear.builder().setUnits(4).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            linear.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 5));
            AuditReport report = channelMixing(linear);
            String text = TextReport.render(report);
            assertThat(report.verdict()).as("DJL's zero bias is left at zero: " + text).isEqualTo(Verdict.PASS);
            assertThat(report.notes()).noneMatch(n -> n.contains("The auditor initialised the block"));
            for (Pair<String, Parameter> p : linear.getParameters()) {
                if (p.getValue().getType() == Parameter.Type.BIAS) {
                    assertThat(p.getValue().getArray().abs().sum().getFloat()).isZero();
                }
            }
        }
    }
}
