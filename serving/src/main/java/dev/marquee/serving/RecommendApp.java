package dev.marquee.serving;

import dev.marquee.events.UserIds;
import dev.marquee.serving.fresh.FreshAnswers;
import dev.marquee.store.StoreReader;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP boundary. Validates the raw userId, answers from the open store version (the stored
 * bytes are the body), and maps failures centrally: 400 bad input, 503 no version yet, 500 bug.
 * Nothing above debug is logged per request except unexpected errors.
 */
public final class RecommendApp {

    /** Content type of every answer. */
    public static final String TEXT = "text/plain; charset=utf-8";

    /** Content type of answers to {@code Accept: application/json}. */
    public static final String JSON = "application/json";

    static final String NOT_READY = "not ready: no store version published yet";
    public static final String DRAINING = "draining: shutting down";

    private static final Logger LOG = LoggerFactory.getLogger(RecommendApp.class);
    private static final String BAD_ID = "userId must be a non-negative integer that fits in 64 bits, got \"";
    private static final String PREFIX = "/recommend/";

    private final VersionManager versions;
    private final ServingMetrics metrics;
    private final Telemetry telemetry;
    private final ArmSplit split;
    private final FreshAnswers fresh;
    private volatile boolean draining;

    /** An app with its own metrics registry and no telemetry. */
    public RecommendApp(VersionManager versions) {
        this(versions, new ServingMetrics(versions), Telemetry.OFF);
    }

    /** Without A/B arms or fresh answers: every answer is the main list as stored. */
    public RecommendApp(VersionManager versions, ServingMetrics metrics, Telemetry telemetry) {
        this(versions, metrics, telemetry, ArmSplit.NONE);
    }

    /** With an A/B split: each user is answered from the arm {@code split} assigns it (ADR 12). */
    public RecommendApp(VersionManager versions, ServingMetrics metrics, Telemetry telemetry, ArmSplit split) {
        this(versions, metrics, telemetry, split, FreshAnswers.OFF);
    }

    /** Without A/B arms; {@code fresh} turns each stored value into the one to send (ADR 11). */
    public RecommendApp(VersionManager versions, ServingMetrics metrics, Telemetry telemetry, FreshAnswers fresh) {
        this(versions, metrics, telemetry, ArmSplit.NONE, fresh);
    }

    /** With an A/B split (ADR 12) and fresh answers (ADR 11). */
    public RecommendApp(VersionManager versions, ServingMetrics metrics, Telemetry telemetry, ArmSplit split,
            FreshAnswers fresh) {
        this.versions = Objects.requireNonNull(versions, "versions");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.split = Objects.requireNonNull(split, "split");
        this.fresh = Objects.requireNonNull(fresh, "fresh");
    }

    /** Builds the (unstarted) app; {@code stop()} waits up to 10 s for in-flight requests. */
    public Javalin create() {
        return create(Duration.ofSeconds(10));
    }

    /**
     * Builds the (unstarted) app. Its {@code stop()} is graceful: the connector stops accepting,
     * then in-flight requests get up to {@code stopTimeout} to finish.
     */
    public Javalin create(Duration stopTimeout) {
        return create(stopTimeout, this::recommend);
    }

    /**
     * The same server (Jetty and Javalin settings, routes, metrics endpoint) whose
     * {@code /recommend/<anything>} answers {@code body} without parsing or looking up anything:
     * the baseline that bench/serve compares the real answers with.
     */
    public Javalin createConstant(byte[] body) {
        byte[] copy = body.clone();
        return create(Duration.ofSeconds(10), ctx -> {
            ctx.contentType(TEXT);
            ctx.res().setContentLength(copy.length);
            ctx.res().getOutputStream().write(copy);
        });
    }

    private Javalin create(Duration stopTimeout, io.javalin.http.Handler recommendHandler) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.defaultContentType = TEXT;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new PlainTextErrorHandler());
                // Javalin nests its servlet context inside; Jetty's graceful stop then waits for in-flight requests.
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(stopTimeout.toMillis());
            });
            // A wildcard, not a {userId} path parameter: Javalin URL-decodes parameters while matching and
            // throws on a malformed escape after a ';' (a 500); the handler parses the raw segment itself.
            config.routes.get(PREFIX + "*", recommendHandler);
            config.routes.get("/recommend", ctx -> badRequest(ctx, ""));
            config.routes.get("/healthz", ctx -> ctx.contentType(TEXT).result("ok"));
            config.routes.get("/readyz", this::ready);
            config.routes.get("/metrics", ctx -> ctx.contentType(ServingMetrics.CONTENT_TYPE).result(metrics.scrape()));
            // Javalin's own 404 echoes the whole raw path (kilobytes, any bytes): one short, safe line instead.
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), "*",
                    ctx -> refuse(ctx, HttpStatus.NOT_FOUND, "not found: " + ClientText.echo(ctx.path())));
            config.routes.exception(Exception.class, this::internalError);
        });
    }

    /** From now on /readyz answers 503 "draining" (requests are still served); cannot be undone. */
    public void startDraining() {
        draining = true;
    }

    public ServingMetrics metrics() {
        return metrics;
    }

    private void recommend(Context ctx) throws IOException {
        long start = System.nanoTime();
        // The raw, still percent-encoded URI: "%31" must not pass as "1".
        String uri = ctx.req().getRequestURI();
        int from = uri.startsWith(PREFIX) ? PREFIX.length() : uri.lastIndexOf('/') + 1;
        long userId = UserIds.parse(uri, from, uri.length());
        if (userId == UserIds.INVALID) {
            badRequest(ctx, uri.substring(from));
            // No telemetry line: the platform's log format needs a valid user id.
            metrics.record(400, System.nanoTime() - start);
            return;
        }
        try (Lease lease = versions.acquire()) {
            if (lease == null) {
                refuse(ctx, HttpStatus.SERVICE_UNAVAILABLE, NOT_READY);
                finish(userId, 503, null, 0, start);
                return;
            }
            StoreReader reader = lease.reader();
            String arm = split.arm(userId, reader.arms());
            byte[] value = reader.get(arm, userId);
            metrics.armAnswer(arm);
            boolean coldStart = value == null;
            if (coldStart) {
                value = reader.coldStart();
                metrics.coldStartAnswer();
            }
            // Fresh answers: the stored value itself unless the user watched some of its movies since the cut.
            value = fresh.answer(userId, reader, value);
            int textLength = reader.textLength(value);
            if (wantsJson(ctx)) {
                ctx.contentType(JSON).result(JsonAnswers.write(userId, reader, value, coldStart, arm));
            } else {
                // The text body is the value's prefix: written straight from the stored bytes, no copy.
                ctx.contentType(TEXT);
                ctx.res().setContentLength(textLength);
                ctx.res().getOutputStream().write(value, 0, textLength);
            }
            finish(userId, 200, value, textLength, start);
        }
    }

    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json");
    }

    private void finish(long userId, int status, byte[] value, int textLength, long start) {
        long nanos = System.nanoTime() - start;
        metrics.record(status, nanos);
        telemetry.offer(userId, status, value, textLength, nanos);
    }

    private void ready(Context ctx) {
        var version = versions.openVersion();
        if (draining) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(TEXT).result(DRAINING);
        } else if (version.isPresent()) {
            ctx.contentType(TEXT).result("ready " + version.get());
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(TEXT).result(NOT_READY);
        }
    }

    private static void badRequest(Context ctx, String raw) {
        LOG.debug("400 for userId segment {}", ClientText.echo(raw));
        refuse(ctx, HttpStatus.BAD_REQUEST, BAD_ID + ClientText.echo(raw) + "\"");
    }

    /** A refusal with its one-line reason: as JSON to a client that asked for JSON, else as text. */
    private static void refuse(Context ctx, HttpStatus status, String reason) {
        ctx.status(status);
        if (wantsJson(ctx)) {
            ctx.contentType(JSON).result(JsonAnswers.error(status.getCode(), reason));
        } else {
            ctx.contentType(TEXT).result(reason);
        }
    }

    private void internalError(Exception e, Context ctx) {
        if (ctx.path().startsWith("/recommend")) {
            metrics.countStatus(500);
        }
        LOG.error("{} {} failed", ctx.method(), ClientText.echo(ctx.path()), e);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(TEXT)
                .result("internal error: " + e.getClass().getSimpleName());
    }
}
