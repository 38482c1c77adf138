/**
 * The versioned, read-only recommendation store: the contract between the batch job (which
 * writes a version with {@link dev.marquee.store.StoreWriter} and promotes it with
 * {@link dev.marquee.store.StoreLayout#promote}) and the serving layer (which opens the version
 * named by {@code CURRENT} with {@link dev.marquee.store.StoreReader}).
 *
 * <p>On disk: {@code <root>/CURRENT} names the live version; {@code <root>/versions/<id>/db} is
 * a RocksDB database bulk-loaded in PlainTable format (ADR 10) whose values are the answer, spare
 * movies and scores ({@link dev.marquee.store.Values}, store format 4, ADR 11); {@code <root>/versions/<id>/MANIFEST.json},
 * written last, lists every database file with its size and SHA-256. A version without a
 * manifest that verifies is incomplete and is never opened.
 *
 * <p>CURRENT changes only through {@link dev.marquee.store.StoreLayout#promote} and
 * {@link dev.marquee.store.StoreLayout#rollBack} ("from X to Y": refused unless CURRENT still names X; the
 * rollout's undo and {@code marquee rollback} use it), each recorded in {@code <root>/HISTORY} as
 * {@code promote <id>} or {@code rollback <id>}; replayed, HISTORY is a stack (promote pushes, rollback pops back
 * to its target) that gives the rollback target.
 * <ul>
 * <li><b>Lock</b>: every change, and prune's choice of what to delete, holds {@code <root>/LOCK}: an in-JVM lock
 * per store root (threads), then an exclusive OS file lock (processes: the nightly job, a CLI rollback), waiting at
 * most 30 s before a {@link dev.marquee.store.StoreException} that says the store is busy. The lock covers the two
 * writes only; the OS drops it when its process dies.
 * <li><b>Order</b>: HISTORY's line is appended and fsynced first (the intent), then CURRENT is replaced atomically
 * (temp file, fsync, rename, fsync of the root): CURRENT is the commit point and the truth, since serving reads it.
 * <li><b>Recovery</b>: after a crash between the two writes (or a hand-edited CURRENT), HISTORY's replayed stack
 * disagrees with CURRENT. Readers replay it with the one line that makes it agree (an unapplied intent is undone;
 * a CURRENT changed by hand counts as a rollback to a version on the stack, else a promote), and the next writer,
 * under the lock, appends that line before its own.
 * </ul>
 */
package dev.marquee.store;
