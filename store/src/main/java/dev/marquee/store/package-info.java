/**
 * The versioned, read-only recommendation store: the contract between the batch job (which
 * writes a version with {@link dev.marquee.store.StoreWriter} and promotes it with
 * {@link dev.marquee.store.StoreLayout#promote}) and the serving layer (which opens the version
 * named by {@code CURRENT} with {@link dev.marquee.store.StoreReader}).
 *
 * <p>On disk: {@code <root>/CURRENT} names the live version; {@code <root>/versions/<id>/db} is
 * a RocksDB database built by ingesting SST files; {@code <root>/versions/<id>/MANIFEST.json},
 * written last, lists every database file with its size and SHA-256. A version without a
 * manifest that verifies is incomplete and is never opened.
 */
package dev.marquee.store;
