package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.equivariance.models.C4LiftingConv;
import dev.equivariance.models.EgnnCoordinates;
import dev.equivariance.report.TextReport;
import org.junit.jupiter.api.Test;

/** A model equivariant under the inverse convention is reported as such; broken and correct models are not. */
class InverseConventionTest {

    /** (x, y) -> (x, -y) on planar vectors: a rotation by t of the input turns the output by -t. */
    private static Block conjugate() {
        return new LambdaBlock(l -> {
            NDArray x = l.singletonOrThrow();
            NDArray sign = x.getManager().create(new float[] {1, -1}).toType(x.getDataType(), false);
            return new NDList(x.mul(sign));
        }, "conjugate");
    }

    /** Reverses the sequence axis: a circular shift by k of the input shifts the output by -k. */
    private static Block reversed() {
        return new LambdaBlock(l -> new NDList(l.singletonOrThrow().flip(2)), "reverse");
    }

    private static Issue first(AuditReport report) {
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(report.issues()).as(text).isNotEmpty();
        return report.issues().get(0);
    }

    @Test
    void vectorsTurnedTheOtherWay_areTheInverseConvention() {
        AuditReport report = Audit.of(conjugate()).group("SO(2)").input("vector", 2, 5, 2).output("vector")
                .trials(12).seed(1).run();
        Issue issue = first(report);
        assertThat(issue.kind()).as(TextReport.render(report)).isEqualTo(IssueKind.INVERSE_CONVENTION);
        assertThat(issue.description()).contains("The declaration or the model uses the inverse convention");
        assertThat(issue.evidence()).contains("acted on by rho(g^-1)").contains("as declared");
    }

    @Test
    void aShiftTheOtherWay_isTheInverseConvention() {
        AuditReport report = Audit.of(reversed()).group("Z(8)").input("roll(axis=2)", 2, 3, 8).output("roll(axis=2)")
                .trials(8).seed(2).run();
        assertThat(first(report).kind()).as(TextReport.render(report)).isEqualTo(IssueKind.INVERSE_CONVENTION);
    }

    @Test
    void rotationChannelsStackedTheOtherWay_areTheInverseConventionOfTheRegularPart() {
        AuditReport report = Audit.of(C4LiftingConv.counterRotatedKernel(2, 3)).group("C4")
                .input("rot90(axes=(2,3))", 2, 1, 9, 9).output("p4(axis=1, axes=(2,3))").trials(8).seed(3).run();
        Issue issue = first(report);
        assertThat(issue.kind()).as(TextReport.render(report)).isEqualTo(IssueKind.INVERSE_CONVENTION);
        assertThat(issue.location()).isEqualTo("regular(axis=1) of output #0");
    }

    @Test
    void aKernelThatIsNotTurnedAtAll_isNotTheInverseConvention() {
        AuditReport report = Audit.of(C4LiftingConv.unrotatedKernel(2, 3)).group("C4")
                .input("rot90(axes=(2,3))", 2, 1, 9, 9).output("p4(axis=1, axes=(2,3))").trials(8).seed(3).run();
        assertThat(report.issues()).as(TextReport.render(report))
                .noneMatch(i -> i.kind() == IssueKind.INVERSE_CONVENTION);
    }

    @Test
    void aReluOnVectors_isNotTheInverseConvention() {
        AuditReport report = Audit.of(EgnnCoordinates.withReluOnVectors(8)).group("SO(3)").input("vector", 2, 5, 3)
                .output("vector").trials(12).seed(4).run();
        assertThat(report.issues()).as(TextReport.render(report))
                .noneMatch(i -> i.kind() == IssueKind.INVERSE_CONVENTION);
    }

    @Test
    void equivariantModels_getNoIssue() {
        AuditReport p4 = Audit.of(C4LiftingConv.equivariant(2, 3)).group("C4").input("rot90(axes=(2,3))", 2, 1, 9, 9)
                .output("p4(axis=1, axes=(2,3))").trials(8).seed(3).run();
        AuditReport egnn = Audit.of(EgnnCoordinates.build(8)).group("SO(3)").input("vector", 2, 5, 3)
                .output("vector").trials(12).seed(4).run();
        for (AuditReport r : new AuditReport[] {p4, egnn}) {
            assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
            assertThat(r.issues()).noneMatch(i -> i.kind() == IssueKind.INVERSE_CONVENTION);
        }
    }
}
