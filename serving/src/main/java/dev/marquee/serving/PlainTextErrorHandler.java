package dev.marquee.serving;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (requests rejected before they reach Javalin, e.g. a malformed
 * percent-escape in the path) as one line of plain text instead of an HTML page, so every 4xx
 * of the service has the same shape.
 */
final class PlainTextErrorHandler extends ErrorHandler {

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
            String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, RecommendApp.TEXT);
        response.write(true, ByteBuffer.wrap(line(code, message)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, RecommendApp.TEXT);
        return ByteBuffer.wrap(line(status, reason));
    }

    /** E.g. {@code bad request: Bad Request}: the status reason, then Jetty's message made safe. */
    static byte[] line(int code, String message) {
        String reason = HttpStatus.getMessage(code);
        String detail = message == null || message.isBlank() ? reason : ClientText.echo(message);
        return (reason.toLowerCase(Locale.ROOT) + ": " + detail).getBytes(StandardCharsets.UTF_8);
    }
}
