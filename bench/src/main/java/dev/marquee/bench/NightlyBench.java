package dev.marquee.bench;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.BatchMain;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.TopicRange;
import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.replay.TopicProducer;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The whole night at the platform's scale (issue 13): simulates {@code users x movies} and about
 * {@code events} log lines (the simulator's platform preset, seed 42: every user has a history) into
 * a local broker (in this JVM), times a bare Spark read of the
 * topic (the ingestion baseline), then runs one complete nightly job with the default
 * configuration (every candidate) in a JVM of its own ({@link NightlyBenchJob}), starts the
 * service on the new version in a third JVM and asks it for random users over HTTP. Timed from the
 * job's start to the service's first good answer, simulation excluded (and the job's scoring probe
 * excluded: it runs after the lists are made, only to measure them). Prints the job's phase lines,
 * the peak RSS of every JVM (VmHWM, sampled every second), the store's size, and last:
 * {@code nightly_s=<total> topn_vs_gemm=<x> ingest_vs_read=<y> peak_rss_gb=<z>}.
 *
 * <p>With {@code nights=2}, the simulated log's last day is held back: the first night ingests the days
 * before it (the backfill: every grid searched), then the last day is produced and a second night runs on
 * the same lake and store as a platform's ordinary night does (one day ingested, one grid searched,
 * {@code eval.grids-per-night}); its figures are printed too and the last line ends with
 * {@code second_night_s=<total>}.
 *
 * <p>Arguments: {@code [users=1000000] [movies=27000] [events=20000000] [jobHeap=12g] [workDir=var/bench-nightly]
 * [nights=1]}.
 */
public final class NightlyBench {
    private static final String TOPIC = "movielog";
    private static final Pattern SCORING = Pattern.compile("SCORING .*topn_s=([\\d.]+) gemm_s=([\\d.]+) probe_s=([\\d.]+)");
    private static final Pattern PHASE_END = Pattern.compile("\\[\\d+\\] ([\\w-]+) \\((\\d+) ms, ");
    private static final Pattern PHASE_TABLE = Pattern.compile("PHASE name=([\\w-]+) wall_s=([\\d.]+)");

    private NightlyBench() {}

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int movies = args.length > 1 ? Integer.parseInt(args[1]) : 27_000;
        long events = args.length > 2 ? Long.parseLong(args[2]) : 20_000_000L;
        String jobHeap = args.length > 3 ? args[3] : "12g";
        Path work = Path.of(args.length > 4 ? args[4] : "var/bench-nightly").toAbsolutePath();
        int nights = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        if (nights < 1 || nights > 2) {
            throw new IllegalArgumentException("nights must be 1 or 2: " + nights);
        }
        Files.createDirectories(work);
        BenchFiles.delete(work);
        Map<String, Long> peakRss = new ConcurrentHashMap<>();
        try (LocalKafka kafka = LocalKafka.start(work.resolve("kafka"));
                RssSampler rss = new RssSampler(peakRss)) {
            rss.watch("bench (broker, simulator, bare read)", ProcessHandle.current().pid());
            kafka.createTopic(TOPIC, 2);
            List<String> lastDay = simulate(users, movies, events, kafka.bootstrapServers(), nights == 2);
            double bareRead = bareRead(kafka.bootstrapServers(), work);
            System.out.printf("bare Spark read of the topic (count): %.1f s%n", bareRead);

            Night first = night(kafka.bootstrapServers(), work, jobHeap, users, rss, peakRss);
            Job job = first.job;
            Serve serve = first.serve;
            double jobSeconds = first.jobSeconds;
            double nightly = first.nightly();

            System.out.println();
            System.out.println("phase                          wall_s");
            job.phases.forEach((name, seconds) -> System.out.printf("  %-28s %8.1f%n", name, seconds));
            System.out.printf("  %-28s %8.1f%n", "job JVM in all", jobSeconds);
            System.out.printf("  %-28s %8.1f  (after the lists; excluded)%n", "scoring probe", job.probeSeconds);
            System.out.printf("  %-28s %8.1f  (start, open, first good answer)%n", "service", serve.seconds);
            System.out.println("peak RSS (VmHWM):");
            peakRss.forEach((name, kb) -> System.out.printf("  %-40s %6.2f GiB%n", name, kb / 1024.0 / 1024.0));
            System.out.printf("store: %d MB; %d requests for random users answered 200 (%d with 20 movies), p50 %.2f ms,"
                    + " p99 %.2f ms (one client, one request at a time)%n",
                    BenchFiles.size(work.resolve("store").resolve("versions")) >> 20, serve.answered, serve.full, serve.p50Ms,
                    serve.p99Ms);
            double ingest = job.phases.getOrDefault("ingest", Double.NaN);
            System.out.printf("topn: %.1f s, gemm of the same shape: %.1f s; ingest %.1f s, bare read %.1f s%n", job.topnSeconds,
                    job.gemmSeconds, ingest, bareRead);
            double peak = peakRss.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1024.0 / 1024.0;
            String second = "";
            if (nights == 2) {
                System.out.printf("%nsecond night: producing the held-back last day, %,d log lines%n", lastDay.size());
                TopicProducer.produce(kafka.bootstrapServers(), TOPIC, lastDay.iterator());
                Night next = night(kafka.bootstrapServers(), work, jobHeap, users, rss, peakRss);
                System.out.println();
                System.out.println("second night, phase             wall_s");
                next.job.phases.forEach((name, seconds) -> System.out.printf("  %-28s %8.1f%n", name, seconds));
                System.out.printf("  %-28s %8.1f%n", "job JVM in all", next.jobSeconds);
                System.out.printf("  %-28s %8.1f  (after the lists; excluded)%n", "scoring probe", next.job.probeSeconds);
                System.out.printf("  %-28s %8.1f  (start, open, first good answer)%n", "service", next.serve.seconds);
                System.out.printf("second night: %d requests for random users answered 200 (%d with 20 movies)%n",
                        next.serve.answered, next.serve.full);
                second = String.format(" second_night_s=%.0f", next.nightly());
                peak = peakRss.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1024.0 / 1024.0;
            }
            System.out.printf("nightly_s=%.0f topn_vs_gemm=%.2f ingest_vs_read=%.2f peak_rss_gb=%.2f%s%n", nightly,
                    job.topnSeconds / job.gemmSeconds, ingest / bareRead, peak, second);
        }
    }

    /** One night: the job in its JVM, then the service on its version; timed from the job's start to the first good answer. */
    private record Night(Job job, double jobSeconds, Serve serve) {
        double nightly() {
            return jobSeconds - job.probeSeconds + serve.seconds;
        }
    }

    private static Night night(String bootstrap, Path work, String jobHeap, int users, RssSampler rss, Map<String, Long> peakRss)
            throws Exception {
        long start = System.nanoTime();
        Job job = runJob(bootstrap, work, jobHeap, rss);
        double jobSeconds = (System.nanoTime() - start) / 1e9;
        if (job.exitCode != BatchMain.PUBLISHED) {
            // What a failed night got through is worth keeping: the phases it finished and the memory it took.
            System.out.println();
            job.phases.forEach((name, seconds) -> System.out.printf("  %-28s %8.1f%n", name, seconds));
            System.out.printf("  %-28s %8.1f  (failed)%n", "job JVM in all", jobSeconds);
            peakRss.forEach((name, kb) -> System.out.printf("  peak RSS %-31s %6.2f GiB%n", name, kb / 1024.0 / 1024.0));
            throw new IllegalStateException("the nightly job exited with " + job.exitCode + " (see its lines above)");
        }
        return new Night(job, jobSeconds, serve(work, users, rss));
    }

    /**
     * The simulator's platform preset at this size: every user rates a heavy-tailed number of movies
     * picked by popularity and taste, with watch minutes before about a third of the ratings (about
     * 1.9 log lines per rating), so {@code events} lines hold about {@code events / 1.9} ratings.
     */
    private static List<String> simulate(int users, int movies, long events, String bootstrap, boolean holdLastDay) {
        double perUser = Math.max(1, Math.min(movies, events / 1.9 / users));
        long t0 = System.nanoTime();
        System.out.printf("simulating %,d users x %,d movies, %.1f ratings per user on average (seed 42) ...%n", users, movies,
                perUser);
        SyntheticPlatform platform = SyntheticPlatform.generate(new SynthConfig(users, movies, 16, perUser, 42L));
        List<String> held = new ArrayList<>();
        java.util.Iterator<String> lines = platform.lines();
        if (holdLastDay) {
            // The log is in time order: every line from the last day's first on waits for the second night.
            String lastDay = SyntheticPlatform.START.plusNanos(SyntheticPlatform.SPAN_MS * 1_000_000).minusDays(1).toString();
            java.util.Iterator<String> all = lines;
            lines = new java.util.Iterator<>() {
                private String next = advance();

                private String advance() {
                    if (!all.hasNext()) {
                        return null;
                    }
                    String line = all.next();
                    if (line.compareTo(lastDay) < 0) {
                        return line;
                    }
                    held.add(line);
                    all.forEachRemaining(held::add);
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public String next() {
                    String line = next;
                    next = advance();
                    return line;
                }
            };
        }
        TopicProducer.produce(bootstrap, TOPIC, lines);
        System.out.printf("simulated %,d log lines and produced %,d of them in %.1f s%n", platform.eventCount(),
                platform.eventCount() - held.size(), (System.nanoTime() - t0) / 1e9);
        return held;
    }

    /** A bare read of the whole topic in a local Spark session: what ingestion reads, doing nothing with it. */
    private static double bareRead(String bootstrap, Path work) {
        BatchConfig config = BatchConfig.load(ConfigFactory.parseMap(Map.of(
                "marquee.batch.kafka.bootstrap-servers", bootstrap, "marquee.batch.kafka.topic", TOPIC,
                "marquee.batch.lake.root", work.resolve("bare-lake").toString(),
                "marquee.batch.store.root", work.resolve("bare-store").toString())).withFallback(ConfigFactory.load()));
        SparkSession spark = SparkSessions.create(config);
        try {
            TopicRange range = TopicRange.wholeTopic(bootstrap, TOPIC);
            long t0 = System.nanoTime();
            long n = spark.read().format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", TOPIC)
                    .option("startingOffsets", range.startingOffsetsJson()).option("endingOffsets", range.endingOffsetsJson())
                    .load().count();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("bare read: %,d records%n", n);
            return seconds;
        } finally {
            spark.stop();
        }
    }

    /** What the job's JVM printed that the bench needs. */
    private record Job(int exitCode, Map<String, Double> phases, double topnSeconds, double gemmSeconds, double probeSeconds) {}

    private static Job runJob(String bootstrap, Path work, String heap, RssSampler rss) throws IOException, InterruptedException {
        List<String> command = javaCommand(heap);
        command.addAll(List.of("-Dmarquee.batch.kafka.bootstrap-servers=" + bootstrap, "-Dmarquee.batch.kafka.topic=" + TOPIC,
                "-Dmarquee.batch.lake.root=" + work.resolve("lake"), "-Dmarquee.batch.store.root=" + work.resolve("store"),
                NightlyBenchJob.class.getName()));
        System.out.println("nightly job: " + String.join(" ", command.subList(command.size() - 5, command.size())));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        rss.watch("nightly job", p.pid());
        Map<String, Double> phases = new LinkedHashMap<>();
        double[] scoring = {Double.NaN, Double.NaN, 0};
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("  | " + line);
                Matcher table = PHASE_TABLE.matcher(line);
                Matcher end = PHASE_END.matcher(line);
                Matcher s = SCORING.matcher(line);
                if (table.find()) {
                    phases.put(table.group(1), Double.parseDouble(table.group(2)));
                } else if (end.find()) {
                    phases.putIfAbsent(end.group(1), Long.parseLong(end.group(2)) / 1000.0);
                } else if (s.find()) {
                    for (int i = 0; i < 3; i++) {
                        scoring[i] = Double.parseDouble(s.group(i + 1));
                    }
                }
            }
        }
        return new Job(p.waitFor(), phases, scoring[0], scoring[1], scoring[2]);
    }

    /** How the service did on the new version. */
    private record Serve(double seconds, int answered, int full, double p50Ms, double p99Ms) {}

    private static Serve serve(Path work, int users, RssSampler rss) throws Exception {
        int port = LocalKafka.freePort();
        List<String> command = javaCommand("2g");
        command.addAll(List.of("-Dmarquee.serving.host=127.0.0.1", "-Dmarquee.serving.port=" + port,
                "-Dmarquee.serving.store-root=" + work.resolve("store"), "dev.marquee.apps.serve.ServeMain"));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile()).start();
        rss.watch("service", p.pid());
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI ready = URI.create("http://127.0.0.1:" + port + "/readyz");
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (true) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the service did not become ready; see " + work.resolve("service.log"));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            Random random = new Random(5);
            int requests = 2_000;
            long[] micros = new long[requests];
            double first = Double.NaN;
            int full = 0;
            for (int i = 0; i < requests; i++) {
                long user = 1 + random.nextInt(users);
                long s = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/recommend/" + user)).build(), HttpResponse.BodyHandlers.ofString());
                micros[i] = (System.nanoTime() - s) / 1_000;
                if (r.statusCode() != 200 || r.body().isEmpty()) {
                    throw new IllegalStateException("user " + user + ": " + r.statusCode() + " " + r.body());
                }
                full += r.body().split(",").length == 20 ? 1 : 0;
                if (i == 0) {
                    first = (System.nanoTime() - t0) / 1e9;
                }
            }
            Arrays.sort(micros);
            return new Serve(first, requests, full, micros[requests / 2] / 1000.0, micros[requests * 99 / 100] / 1000.0);
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** This JVM's java and flags (the heap replaced) and class path. */
    private static List<String> javaCommand(String heap) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> !a.startsWith("-Xmx"))
                .forEach(command::add);
        command.add("-Xmx" + heap);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return command;
    }
}
