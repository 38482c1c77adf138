package dev.marquee.batch.online;

/**
 * One store version's, arm's and day's online figures, over the answers whose window has ended.
 *
 * @param version the store version that answered (null: answered from none, a 503)
 * @param arm the A/B arm that answered
 * @param day the answers' date in the platform's zone (ISO-8601)
 * @param answers answers, every status
 * @param users distinct users among them
 * @param answered answers with status 200, over which the hit figures are taken
 * @param hits 200 answers after which the user started or rated one of the movies within the window
 * @param hitRate hits / answered (NaN when none was answered)
 * @param meanFirstHit mean 1-based position of the first movie hit, over the hits (NaN when none)
 * @param minutesWatched watch events (one minute each) of the answers' movies within their windows
 * @param coldStartShare share of the 200 answers that were the cold-start list
 * @param latencyP50 median latency in ms, every status
 * @param latencyP99 99th percentile latency in ms, every status
 * @param non200Share share of answers whose status was not 200
 */
public record OnlineRow(String version, String arm, String day, long answers, long users, long answered, long hits,
        double hitRate, double meanFirstHit, long minutesWatched, double coldStartShare, double latencyP50,
        double latencyP99, double non200Share) {

    /** {@code version/arm}, the series a chart draws. */
    public String series() {
        return (version == null ? "-" : version) + "/" + arm;
    }
}
