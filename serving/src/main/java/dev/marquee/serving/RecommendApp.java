package dev.marquee.serving;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Objects;
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

    static final String NOT_READY = "not ready: no store version published yet";

    private static final Logger LOG = LoggerFactory.getLogger(RecommendApp.class);
    private static final String BAD_ID = "userId must be a non-negative integer that fits in 64 bits, got \"";

    private final VersionManager versions;

    public RecommendApp(VersionManager versions) {
        this.versions = Objects.requireNonNull(versions, "versions");
    }

    /** Builds the (unstarted) app. */
    public Javalin create() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.defaultContentType = TEXT;
            config.jetty.modifyServer(server -> server.setErrorHandler(new PlainTextErrorHandler()));
            config.routes.get("/recommend/{userId}", this::recommend);
            config.routes.get("/recommend", ctx -> badRequest(ctx, ""));
            config.routes.get("/healthz", ctx -> ctx.contentType(TEXT).result("ok"));
            config.routes.get("/readyz", this::ready);
            config.routes.exception(Exception.class, RecommendApp::internalError);
        });
    }

    private void recommend(Context ctx) {
        // The raw, still percent-encoded URI: "%31" must not pass as "1".
        String uri = ctx.req().getRequestURI();
        int start = uri.lastIndexOf('/') + 1;
        long userId = UserIds.parse(uri, start, uri.length());
        if (userId == UserIds.INVALID) {
            badRequest(ctx, uri.substring(start));
            return;
        }
        try (Lease lease = versions.acquire()) {
            if (lease == null) {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(TEXT).result(NOT_READY);
                return;
            }
            byte[] body = lease.reader().get(userId);
            ctx.contentType(TEXT).result(body != null ? body : lease.reader().coldStart());
        }
    }

    private void ready(Context ctx) {
        var version = versions.openVersion();
        if (version.isPresent()) {
            ctx.contentType(TEXT).result("ready " + version.get());
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(TEXT).result(NOT_READY);
        }
    }

    private static void badRequest(Context ctx, String raw) {
        LOG.debug("400 for userId segment {}", UserIds.echo(raw));
        ctx.status(HttpStatus.BAD_REQUEST).contentType(TEXT).result(BAD_ID + UserIds.echo(raw) + "\"");
    }

    private static void internalError(Exception e, Context ctx) {
        LOG.error("{} {} failed", ctx.method(), UserIds.echo(ctx.path()), e);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(TEXT)
                .result("internal error: " + e.getClass().getSimpleName());
    }
}
