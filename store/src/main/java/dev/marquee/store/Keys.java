package dev.marquee.store;

/**
 * Key encoding. A user key is the id as 8 bytes big-endian, so for non-negative ids the
 * unsigned bytewise order RocksDB uses is the numeric order. The cold-start list lives under a
 * 1-byte key that sorts before every user key and cannot collide with one.
 */
public final class Keys {

    /** Length of a user key in bytes. */
    public static final int USER_KEY_LENGTH = Long.BYTES;

    /** The key of the cold-start list: {0x00}. Do not modify the array. */
    public static final byte[] COLD_START_KEY = {0x00};

    private Keys() {
    }

    /** The 8-byte big-endian key of a user. */
    public static byte[] userKey(long userId) {
        byte[] key = new byte[USER_KEY_LENGTH];
        for (int i = USER_KEY_LENGTH - 1; i >= 0; i--) {
            key[i] = (byte) userId;
            userId >>>= 8;
        }
        return key;
    }

    /** The user id of an 8-byte user key. */
    public static long userId(byte[] key) {
        if (key.length != USER_KEY_LENGTH) {
            throw new IllegalArgumentException("not a user key: " + key.length + " bytes");
        }
        long id = 0;
        for (byte b : key) {
            id = (id << 8) | (b & 0xFF);
        }
        return id;
    }
}
