package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void userKeyIsEightBytesBigEndian() {
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2}, Keys.userKey(258));
        assertArrayEquals(new byte[] {0x7F, -1, -1, -1, -1, -1, -1, -1}, Keys.userKey(Long.MAX_VALUE));
    }

    @Test
    void bytewiseOrderMatchesNumericOrderForNonNegativeIds() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long a = randomId(random);
            long b = randomId(random);
            int bytewise = Integer.signum(Arrays.compareUnsigned(Keys.userKey(a), Keys.userKey(b)));
            assertEquals(Integer.signum(Long.compare(a, b)), bytewise, () -> a + " vs " + b);
        }
    }

    @Test
    void coldStartKeySortsBeforeEveryUserKeyAndNeverCollides() {
        Random random = new Random(7);
        assertTrue(Arrays.compareUnsigned(Keys.COLD_START_KEY, Keys.userKey(0)) < 0);
        for (int i = 0; i < 10_000; i++) {
            byte[] key = Keys.userKey(randomId(random));
            assertTrue(Arrays.compareUnsigned(Keys.COLD_START_KEY, key) < 0);
            assertEquals(Keys.USER_KEY_LENGTH, key.length);
        }
        assertEquals(1, Keys.COLD_START_KEY.length);
    }

    @Test
    void userIdInvertsUserKey() {
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            long id = randomId(random);
            assertEquals(id, Keys.userId(Keys.userKey(id)));
        }
    }

    /** Mixes small ids, ids near byte boundaries and full-range ids. */
    private static long randomId(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> random.nextInt(1_000);
            case 1 -> (1L << (8 * (1 + random.nextInt(7)))) + random.nextInt(3) - 1;
            default -> random.nextLong() & Long.MAX_VALUE;
        };
    }
}
