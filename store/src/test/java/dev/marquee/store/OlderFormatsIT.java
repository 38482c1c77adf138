package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;

/**
 * A rollback across the upgrade to format 3 (PlainTable tables) meets yesterday's format-2 version
 * (block-based tables, built as the writer built them before: SST files ingested into the database):
 * the reader still opens it and answers every user, and a format-3 version beside it.
 */
class OlderFormatsIT {

    private static final int USERS = 2_000;

    @TempDir
    Path root;

    @Test
    void aFormatTwoVersionStillOpensAndAnswersBesideAFormatThreeOne() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        publishFormatTwo(layout, "v000001");
        TestVersions.publish(layout, "v000002", USERS, 1, 700);
        for (String id : List.of("v000001", "v000002")) {
            try (StoreReader reader = StoreReader.open(layout, id)) {
                assertEquals(id.equals("v000001") ? 2 : 3, reader.manifest().formatVersion());
                for (long user = 0; user < USERS; user++) {
                    assertArrayEquals(Values.encode(TestVersions.moviesOf(user)), reader.get(user), id + " user " + user);
                }
                assertNull(reader.get(USERS), id);
                assertEquals(TestVersions.COLD_START, reader.ids(reader.coldStart()), id);
                assertEquals(id.equals("v000001") ? reader.longProperty("rocksdb.block-cache-usage") : 0L,
                        reader.blockCacheUsage(), id + ": format 3 has no block cache");
                assertTrue(reader.longProperty("rocksdb.estimate-table-readers-mem") > 0, id + ": index and filter in memory");
            }
        }
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
                w.put(Keys.COLD_START_KEY, Values.encode(TestVersions.COLD_START));
            }
            for (long user = from; user < to; user++) {
                w.put(Keys.userKey(user), Values.encode(TestVersions.moviesOf(user)));
            }
            w.finish();
        }
        return file.toString();
    }
}
