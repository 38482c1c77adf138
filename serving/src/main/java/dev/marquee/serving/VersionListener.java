package dev.marquee.serving;

/**
 * Told by {@link VersionManager} about every version change, on its poller thread. Keep the
 * callbacks short and non-blocking (hand slow work, such as a Kubernetes API call, to another
 * thread); an exception thrown here is logged and does not affect serving or other listeners.
 */
public interface VersionListener {

    /** {@code versionId} is now being served (the first open version, or a swap to a newer one). */
    default void onSwap(String versionId) {
    }

    /**
     * CURRENT named {@code versionId} but it was refused (incomplete, checksum failure, cannot be
     * opened); the previously open version, if any, keeps serving.
     */
    default void onRefused(String versionId, String reason) {
    }
}
