package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArmSplitTest {
    private static final Set<String> BOTH = Set.of("candidate", "control");

    @Test
    void sharesAreMetOverManyUsersAndEachUserStaysInItsArm() {
        ArmSplit split = ArmSplit.parse("candidate=0.1, control=0.05", "exp-1");
        Map<String, Integer> counts = new HashMap<>();
        int users = 200_000;
        for (long u = 0; u < users; u++) {
            String arm = split.arm(u * 7 + 3, BOTH);
            counts.merge(arm, 1, Integer::sum);
            assertEquals(arm, split.arm(u * 7 + 3, BOTH), "stable per user");
        }
        // binomial standard deviation at 200k users: under 0.07 percentage points; allow 4 sigma
        assertEquals(0.10, counts.get("candidate") / (double) users, 0.003);
        assertEquals(0.05, counts.get("control") / (double) users, 0.002);
        assertEquals(0.85, counts.get("main") / (double) users, 0.004);
        ArmSplit again = ArmSplit.parse("control=0.05,candidate=0.1", "exp-1");
        for (long u = 0; u < 1000; u++) {
            assertEquals(split.arm(u, BOTH), again.arm(u, BOTH), "order of the pairs does not matter");
        }
    }

    @Test
    void aNewSaltRedrawsTheSplitAndAMissingArmFallsBackToMain() {
        ArmSplit a = ArmSplit.parse("candidate=0.5", "exp-1");
        ArmSplit b = ArmSplit.parse("candidate=0.5", "exp-2");
        int same = 0;
        for (long u = 0; u < 10_000; u++) {
            same += a.arm(u, BOTH).equals(b.arm(u, BOTH)) ? 1 : 0;
            assertEquals("main", a.arm(u, Set.of("control")), "the version has no candidate arm");
            assertEquals("main", a.arm(u, Set.of()));
        }
        assertEquals(0.5, same / 10_000.0, 0.03, "independent draws agree half the time");
        assertNotEquals(a.point(12345), b.point(12345));
        assertEquals("main", ArmSplit.NONE.arm(5, BOTH));
    }

    @Test
    void badSharesAreRefusedWithTheReason() {
        for (String bad : new String[] {"candidate=0.7,control=0.4", "candidate", "candidate=x", "main=0.1",
            "candidate=0", "candidate=0.1,candidate=0.2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArmSplit.parse(bad, "s"), bad);
            assertTrue(e.getMessage().contains("marquee.serving.ab.shares"), e.getMessage());
        }
        assertEquals(Map.of(), ArmSplit.parse(" ", "s").shares());
    }
}
