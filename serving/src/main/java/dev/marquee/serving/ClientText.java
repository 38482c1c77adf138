package dev.marquee.serving;

/** What a client sent, made safe to echo in a one-line reason or a log line. */
final class ClientText {

    private ClientText() {
    }

    /** {@code raw} made safe to echo in a one-line message: at most 40 chars, printable ASCII only. */
    static String echo(String raw) {
        int max = 40;
        StringBuilder sb = new StringBuilder(Math.min(raw.length(), max) + 3);
        for (int i = 0; i < raw.length() && i < max; i++) {
            char c = raw.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '?');
        }
        if (raw.length() > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
