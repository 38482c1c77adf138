package dev.marquee.batch.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a night's {@link NightFigures} to a Prometheus Pushgateway: one HTTP {@code PUT} of the
 * text format to {@code <url>/metrics/job/marquee-batch}. PUT replaces every metric of that group, so
 * the gateway always holds the last night's figures, never a mix of two nights (a figure a night did
 * not reach, such as the published NDCG of a refused night, is absent). The Pushgateway adds
 * {@code push_time_seconds}; Prometheus must scrape it with {@code honor_labels: true}.
 */
public final class Pushgateway {
    /** The grouping key's job: every night pushes to the same group. */
    public static final String JOB = "marquee-batch";
    private static final Logger LOG = LoggerFactory.getLogger(Pushgateway.class);

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    /** A gateway at {@code url} (e.g. {@code http://pushgateway:9091}); each request waits at most {@code timeout}. */
    public Pushgateway(String url, Duration timeout) {
        String trimmed = url.strip();
        this.base = URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("not a Pushgateway URL (http://host:port): " + url);
        }
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** PUTs {@code figures} to the group {@code job=marquee-batch}; throws on a transport error or a non-2xx answer. */
    public void push(NightFigures figures) throws IOException, InterruptedException {
        URI uri = URI.create(base + "/metrics/job/" + URLEncoder.encode(JOB, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(figures.text(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("Pushgateway " + uri + " answered " + r.statusCode() + ": " + r.body().strip());
        }
    }

    /**
     * Pushes {@code figures} to {@code url} unless it is blank (pushing off); a failure is logged as a
     * warning and never thrown: the night's outcome does not depend on its metrics. Returns whether
     * the figures reached the gateway.
     */
    public static boolean pushQuietly(String url, NightFigures figures) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            new Pushgateway(url, Duration.ofSeconds(10)).push(figures);
            LOG.info("pushed {} night figures to the Pushgateway {}", figures.names().size(), url);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("pushing the night's figures to {} was interrupted; the run's outcome stands", url);
            return false;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot push the night's figures to the Pushgateway {} (the run's outcome stands): {}", url,
                    e.toString());
            return false;
        }
    }
}
