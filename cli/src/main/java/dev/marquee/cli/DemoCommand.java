package dev.marquee.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee demo}: the whole system end to end, serving until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a local broker, replay a log into it, run the nightly job, serve on 127.0.0.1:PORT, and"
        + " (synthetic platform) let simulated users ask the service and react for 2000 answers.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dataset", description = "a ratings dataset folder (MovieTweetings, MovieLens); "
            + "without it, the built-in synthetic platform")
    Path dataset;

    @Option(names = "--port", defaultValue = "8082", description = "service port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--work-dir", defaultValue = "var/demo", description = "broker data and store (default ${DEFAULT-VALUE}); emptied first")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Demo demo = new Demo(workDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        Demo.Ready ready;
        try {
            ready = demo.start(dataset);
        } catch (Exception e) {
            System.err.println("demo failed: " + e.getMessage());
            demo.close();
            return 1;
        }
        System.out.printf("%nMarquee is serving store version %s (ready in %.1f s). Try:%n%n", ready.versionId(),
                ready.secondsToReady());
        System.out.printf("  curl %s%n%n", ready.url());
        System.out.printf("user %d's top 20: %s%n", ready.sampleUser(), ready.sampleAnswer());
        System.out.printf("an unknown user gets the cold-start list: curl %s%n",
                ready.url().replaceAll("/recommend/\\d+$", "/recommend/999999999999"));
        System.out.printf("online hit rate per version and arm, and the A/B test of the arms (after more answers and"
                + " reactions):%n  ./marquee online %s%n  ./marquee ab %s%n", ready.onlineArgs(), ready.onlineArgs());
        System.out.printf("readiness: curl %s%n%nCtrl-C stops the service, the store and the broker.%n",
                ready.url().replaceAll("/recommend/\\d+$", "/readyz"));
        stopped.await();
        return 0;
    }
}
