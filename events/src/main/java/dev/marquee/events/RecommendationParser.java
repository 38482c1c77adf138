package dev.marquee.events;

import java.time.LocalDateTime;

/**
 * The recommendation-request line, parsed from both ends since the result itself holds commas:
 * {@code recommendation request <server>, status <code>, result: <result>, <N> ms}.
 */
final class RecommendationParser {

    private RecommendationParser() {
    }

    static ParseResult parse(String line, LocalDateTime time, long user, int from, int end) {
        int status = line.indexOf(EventParser.STATUS, from);
        if (status < 0 || status + EventParser.STATUS.length() > end) {
            return bad(line, "missing ', status '");
        }
        String server = line.substring(from, status);
        if (server.isEmpty() || server.contains(", ") || server.indexOf('\r') >= 0 || server.indexOf('\n') >= 0) {
            return bad(line, "bad server: '" + server + "'");
        }
        int codeFrom = status + EventParser.STATUS.length();
        int result = line.indexOf(EventParser.RESULT, codeFrom);
        if (result < 0 || result + EventParser.RESULT.length() > end) {
            return bad(line, "missing ', result: '");
        }
        long code = EventParser.parseInt(line, codeFrom, result);
        if (code == Long.MIN_VALUE) {
            return bad(line, "bad status: '" + line.substring(codeFrom, result) + "'");
        }
        int msAt = end - EventParser.MS.length();
        int resultFrom = result + EventParser.RESULT.length();
        if (msAt < resultFrom || !line.startsWith(EventParser.MS, msAt)) {
            return bad(line, "missing ' ms' at the end");
        }
        int lastSep = line.lastIndexOf(", ", msAt - 1);
        long latency = lastSep >= resultFrom ? EventParser.parseNonNegativeLong(line, lastSep + 2, msAt) : -1;
        if (latency < 0) {
            return bad(line, "bad latency");
        }
        String resultText = line.substring(resultFrom, lastSep);
        if (resultText.indexOf('\r') >= 0 || resultText.indexOf('\n') >= 0) {
            return bad(line, "line break in result");
        }
        return new Parsed(new RecommendationEvent(time, user, server, (int) code, resultText, latency));
    }

    private static Rejected bad(String line, String detail) {
        return EventParser.reject(line, RejectReason.BAD_RECOMMENDATION, detail);
    }
}
