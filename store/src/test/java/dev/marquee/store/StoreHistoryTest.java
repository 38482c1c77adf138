package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HISTORY's replay and its repair against CURRENT, on lines alone. */
class StoreHistoryTest {

    private static Optional<String> repair(Optional<String> current, String... lines) {
        return StoreHistory.repair(List.of(lines), current);
    }

    @Test
    void aRollbackPopsBackToItsTarget() {
        assertEquals(List.of("v1"), StoreHistory.replay(List.of("promote v1", "promote v2", "rollback v1")));
        assertEquals(List.of("v1", "v3"),
                StoreHistory.replay(List.of("promote v1", "promote v2", "rollback v1", "promote v3")));
        assertEquals(List.of("v9"), StoreHistory.replay(List.of("promote v1", "rollback v9")), "not on the stack");
        assertEquals(List.of("v1", "v2"), StoreHistory.replay(List.of("promote v1", "junk", "", "promote v2",
                "promote v2")), "unknown lines ignored, a repeated promote collapses");
    }

    @Test
    void historyThatAgreesWithCurrentNeedsNoRepair() {
        assertEquals(Optional.empty(), repair(Optional.of("v2"), "promote v1", "promote v2"));
        assertEquals(Optional.empty(), repair(Optional.of("v1"), "promote v1", "promote v2", "rollback v1"));
        assertEquals(Optional.empty(), repair(Optional.empty(), "promote v1"), "no CURRENT: nothing to agree with");
    }

    @Test
    void aPromoteWhoseCurrentWasNeverWrittenIsUndoneByARollback() {
        assertEquals(Optional.of("rollback v2"), repair(Optional.of("v2"), "promote v1", "promote v2", "promote v3"));
    }

    @Test
    void aRollbackWhoseCurrentWasNeverWrittenIsUndoneByAPromote() {
        // stack [v2, v1, v3]; the intent "rollback v1" pops to [v2, v1]; CURRENT still v3
        assertEquals(Optional.of("promote v3"),
                repair(Optional.of("v3"), "promote v2", "promote v1", "promote v3", "rollback v1"));
        // even when v3 is deeper in the stack: the intent is undone, the stack is not cut down to the older v3
        assertEquals(Optional.of("promote v3"), repair(Optional.of("v3"), "promote v3", "promote v2", "promote v3",
                "rollback v2"));
    }

    @Test
    void currentChangedByHandIsARollbackToAVersionOnTheStackElseAPromote() {
        assertEquals(Optional.of("rollback v2"),
                repair(Optional.of("v2"), "promote v1", "promote v2", "promote v3", "promote v4"));
        assertEquals(Optional.of("promote v7"), repair(Optional.of("v7"), "promote v1", "promote v2"));
        assertEquals(Optional.of("promote v7"), repair(Optional.of("v7")), "no HISTORY yet: the live one first");
    }
}
