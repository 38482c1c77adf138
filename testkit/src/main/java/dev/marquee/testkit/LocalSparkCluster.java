package dev.marquee.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1: one master and {@code workers} workers, each a child JVM
 * running Spark's own {@code Master} / {@code Worker} from a {@link SparkHome}'s {@code jars/}, as
 * {@code sbin/start-master.sh} and {@code start-worker.sh} would. Workers launch executors from that
 * home; logs, work and local folders live under the given folder. {@link #close()} destroys every
 * process it started, executors included, by handle.
 */
public final class LocalSparkCluster implements AutoCloseable {
    /** The executor's main class, as it appears on its command line. */
    public static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final SparkHome home;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort;
    private final int masterUiPort;

    private LocalSparkCluster(SparkHome home, Path dir) {
        this.home = home;
        this.dir = dir.toAbsolutePath();
        this.masterPort = freePort();
        this.masterUiPort = freePort();
    }

    /**
     * Starts a master and {@code workers} workers of {@code cores} cores and {@code memoryMb} MB for
     * executors each, and waits (up to {@code timeout}) until the master counts them all alive.
     */
    public static LocalSparkCluster start(SparkHome home, Path dir, int workers, int cores, int memoryMb,
            Duration timeout) throws Exception {
        LocalSparkCluster cluster = new LocalSparkCluster(home, dir);
        try {
            cluster.launch("master", "org.apache.spark.deploy.master.Master", "--host", LOOPBACK,
                    "--port", String.valueOf(cluster.masterPort), "--webui-port", String.valueOf(cluster.masterUiPort));
            for (int i = 1; i <= workers; i++) {
                Path work = Files.createDirectories(cluster.dir.resolve("work-" + i));
                cluster.launch("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK,
                        "--port", "0", "--webui-port", "0", "--cores", String.valueOf(cores),
                        "--memory", memoryMb + "M", "--work-dir", work.toString(), cluster.masterUrl());
            }
            Await.until(workers + " workers alive at the Spark master", timeout, () -> cluster.aliveWorkers() == workers);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:<port>}. */
    public String masterUrl() {
        return "spark://" + LOOPBACK + ":" + masterPort;
    }

    /** The folder of logs ({@code <name>.log}), work and local folders. */
    public Path dir() {
        return dir;
    }

    /** Workers the master counts alive (its web UI's JSON); throws if a child process has died. */
    public int aliveWorkers() throws IOException, InterruptedException {
        for (Process p : processes) {
            if (!p.isAlive()) {
                throw new IllegalStateException("a Spark process exited with " + p.exitValue() + "; logs in " + dir);
            }
        }
        try {
            Matcher m = ALIVE_WORKERS.matcher(Http.get(masterUiPort, "/json/").body());
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (java.net.ConnectException notYet) {
            return 0;
        }
    }

    /** The running executors' peak resident set sizes in bytes ({@code VmHWM} in {@code /proc/<pid>/status}), by pid. */
    public Map<Long, Long> executorPeakRss() {
        Map<Long, Long> out = new java.util.TreeMap<>();
        processes.stream().flatMap(Process::descendants)
                .filter(h -> h.info().commandLine().map(c -> c.contains(EXECUTOR_CLASS)).orElse(false))
                .forEach(h -> out.put(h.pid(), peakRss(h.pid())));
        return out;
    }

    private static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            return -1; // exited meanwhile, or no /proc
        }
    }

    private void launch(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-Xmx256m", "-cp", home.jars() + "/*", mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.dir().toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_LOCAL_IP", LOOPBACK);
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
        env.put("SPARK_CONF_DIR", Files.createDirectories(dir.resolve("conf")).toString());
        processes.add(pb.start());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Destroys the executors, then the workers and the master, and waits for each to be gone. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().forEach(all::add);
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            all.add(processes.get(i).toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                h.destroyForcibly();
                h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> h).join();
            }
        }
        processes.clear();
    }
}
