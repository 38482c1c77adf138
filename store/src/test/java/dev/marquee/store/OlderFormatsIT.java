package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.EnvOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;

/**
 * A rollback across the upgrade to format 3 (PlainTable tables) meets yesterday's format-2 version
 * (block-based tables, built as the writer built them before: SST files ingested into the database):
 * the reader still opens it and answers every user, and a format-3 version beside it. Across the
 * upgrade to format 4 (spares after the body, ADR 11), a format-3 version (PlainTable, values
 * without spares) still opens and answers exactly as before.
 */
class OlderFormatsIT {

    private static final int USERS = 2_000;

    @TempDir
    Path root;

    @Test
    void aFormatTwoVersionStillOpensAndAnswersBesideACurrentOne() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        publishFormatTwo(layout, "v000001");
        TestVersions.publish(layout, "v000002", USERS, 1, 700);
        for (String id : List.of("v000001", "v000002")) {
            try (StoreReader reader = StoreReader.open(layout, id)) {
                assertEquals(id.equals("v000001") ? 2 : Manifest.FORMAT_VERSION, reader.manifest().formatVersion());
                for (long user = 0; user < USERS; user++) {
                    byte[] value = reader.get(user);
                    assertEquals(TestVersions.moviesOf(user), reader.ids(value), id + " user " + user);
                    assertArrayEquals(String.join(",", TestVersions.moviesOf(user)).getBytes(StandardCharsets.UTF_8),
                            Arrays.copyOf(value, reader.textLength(value)), id + " user " + user);
                }
                assertNull(reader.get(USERS), id);
                assertEquals(TestVersions.COLD_START, reader.ids(reader.coldStart()), id);
                assertEquals(id.equals("v000001") ? reader.longProperty("rocksdb.block-cache-usage") : 0L,
                        reader.blockCacheUsage(), id + ": format 3 has no block cache");
                assertTrue(reader.longProperty("rocksdb.estimate-table-readers-mem") > 0, id + ": index and filter in memory");
            }
        }
    }

    @Test
    void aFormatThreeVersionAnswersExactlyAsBeforeBesideAFormatFourOne() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        publishFormatThree(layout, "v000001");
        try (StoreWriter w = StoreWriter.create(layout, "v000002")) {
            for (long user = 0; user < USERS; user++) {
                w.put(user, withSpare(user), scoresOf(user, 4), 3);
            }
            w.coldStart(TestVersions.COLD_START);
            w.publish(Map.of());
        }
        try (StoreReader three = StoreReader.open(layout, "v000001");
                StoreReader four = StoreReader.open(layout, "v000002")) {
            assertEquals(3, three.formatVersion());
            assertEquals(4, four.formatVersion());
            for (long user = 0; user < USERS; user++) {
                byte[] old = three.get(user);
                assertArrayEquals(formatThreeValue(user), old, "format 3 user " + user + ": the stored bytes as written");
                byte[] body = String.join(",", TestVersions.moviesOf(user)).getBytes(StandardCharsets.UTF_8);
                assertEquals(body.length, three.textLength(old));
                assertArrayEquals(body, Arrays.copyOf(old, three.textLength(old)));
                assertArrayEquals(scoresOf(user, 3), three.scores(old));
                assertEquals(TestVersions.moviesOf(user), three.ids(old));
                assertEquals(TestVersions.moviesOf(user), three.allIds(old), "format 3 has no spares");
                byte[] now = four.get(user);
                assertEquals(body.length, four.textLength(now), "the same body at offset 0");
                assertArrayEquals(body, Arrays.copyOf(now, four.textLength(now)));
                assertArrayEquals(scoresOf(user, 3), four.scores(now), "the body's scores");
                assertEquals(withSpare(user), four.allIds(now));
                assertArrayEquals(scoresOf(user, 4), four.allScores(now));
            }
            assertEquals(TestVersions.COLD_START, three.ids(three.coldStart()));
        }
    }

    private static List<String> withSpare(long user) {
        List<String> ids = new ArrayList<>(TestVersions.moviesOf(user));
        ids.add("spare+" + user);
        return ids;
    }

    private static float[] scoresOf(long user, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = user + 1f / (i + 1);
        }
        return s;
    }

    /** A format-3 value as that writer encoded it: {@code [text][k float32][k]}. */
    private static byte[] formatThreeValue(long user) {
        byte[] text = String.join(",", TestVersions.moviesOf(user)).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(text.length + 4 * 3 + 1).put(text);
        for (float f : scoresOf(user, 3)) {
            buf.putFloat(f);
        }
        return buf.put((byte) 3).array();
    }

    /** A version as format 3's writer made it: PlainTable tables, values without spares, manifest last. */
    private static void publishFormatThree(StoreLayout layout, String versionId) throws RocksDBException, IOException {
        Path dir = layout.versionDir(versionId);
        Files.createDirectories(dir.resolve(DbFiles.DB_DIR));
        try (RocksSettings settings = RocksSettings.forWriting();
                RocksDB db = RocksDB.open(settings.options(), dir.resolve(DbFiles.DB_DIR).toString())) {
            for (long user = 0; user < USERS; user++) {
                db.put(Keys.userKey(user), formatThreeValue(user));
            }
            db.put(Keys.COLD_START_KEY, Values.encode(3, TestVersions.COLD_START, null, TestVersions.COLD_START.size()));
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            }
            db.compactRange();
        }
        List<FileEntry> entries = new ArrayList<>(DbFiles.fingerprint(dir));
        entries.sort(Comparator.comparing(FileEntry::path));
        new Manifest(3, versionId, Instant.now().toString(), USERS, TestVersions.COLD_START.size(), entries, Map.of())
                .write(dir.resolve(Manifest.FILE_NAME));
    }

    /** A version as format 2's writer made it: block-based SST files ingested, then the manifest. */
    private static void publishFormatTwo(StoreLayout layout, String versionId) throws RocksDBException, IOException {
        Path dir = layout.versionDir(versionId);
        Path sstDir = Files.createDirectories(dir.resolve("sst-tmp"));
        Files.createDirectories(dir.resolve(DbFiles.DB_DIR));
        try (Options options = new Options()
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockSize(4 * 1024))
                    .setCreateIfMissing(true);
                EnvOptions env = new EnvOptions()) {
            List<String> files = new ArrayList<>();
            files.add(writeSst(options, env, sstDir.resolve("cold.sst"), 0, 0, true));
            files.add(writeSst(options, env, sstDir.resolve("users-1.sst"), 0, USERS / 2, false));
            files.add(writeSst(options, env, sstDir.resolve("users-2.sst"), USERS / 2, USERS, false));
            try (RocksDB db = RocksDB.open(options, dir.resolve(DbFiles.DB_DIR).toString());
                    IngestExternalFileOptions ingest = new IngestExternalFileOptions().setMoveFiles(true)) {
                db.ingestExternalFile(files, ingest);
            }
        }
        Files.delete(sstDir);
        List<FileEntry> entries = new ArrayList<>(DbFiles.fingerprint(dir));
        entries.sort(Comparator.comparing(FileEntry::path));
        new Manifest(2, versionId, Instant.now().toString(), USERS, TestVersions.COLD_START.size(), entries, Map.of())
                .write(dir.resolve(Manifest.FILE_NAME));
    }

    private static String writeSst(Options options, EnvOptions env, Path file, long from, long to, boolean coldStart)
            throws RocksDBException {
        try (SstFileWriter w = new SstFileWriter(env, options)) {
            w.open(file.toString());
            if (coldStart) {
                w.put(Keys.COLD_START_KEY, Values.encode(2, TestVersions.COLD_START, null, TestVersions.COLD_START.size()));
            }
            for (long user = from; user < to; user++) {
                List<String> movies = TestVersions.moviesOf(user);
                w.put(Keys.userKey(user), Values.encode(2, movies, null, movies.size()));
            }
            w.finish();
        }
        return file.toString();
    }
}
