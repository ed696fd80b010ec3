package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressClockTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aQuickAudit_saysNothing() {
        List<String> lines = new ArrayList<>();
        ProgressClock clock = new ProgressClock(lines::add, "m", 0);
        clock.step("end to end", 1, 4, S / 2);
        clock.phase("layers", S);
        clock.phase("gradients", S + S / 2);
        assertThat(lines).isEmpty();
    }

    @Test
    void aLongAudit_announcesEachPhaseAndStepsEveryFewSeconds() {
        List<String> lines = new ArrayList<>();
        ProgressClock clock = new ProgressClock(lines::add, "m", 0);
        clock.step("end to end", 1, 9, 6 * S);
        clock.step("end to end", 2, 9, 7 * S);
        clock.step("end to end", 3, 9, 12 * S);
        clock.phase("layers", 13 * S);
        assertThat(lines).containsExactly("m: end to end 1/9 (6.0 s)", "m: end to end 3/9 (12.0 s)",
                "m: layers (13.0 s)");
    }
}
