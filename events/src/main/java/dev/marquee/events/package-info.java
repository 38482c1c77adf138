/**
 * The platform's event log: one text line per event, its typed form ({@link dev.marquee.events.Event}),
 * a fast never-throwing parser, the exact inverse formatter, and movie-id slugs built from titles.
 * The one rule for each id lives here, for every module that reads one: {@link
 * dev.marquee.events.UserIds} (the log's user field and the service's request path) and {@link
 * dev.marquee.events.MovieIds}.
 *
 * <p>Line grammar (one per Kafka record):
 * <pre>
 * &lt;time&gt;,&lt;userId&gt;,GET /rate/&lt;movieId&gt;=&lt;rating&gt;
 * &lt;time&gt;,&lt;userId&gt;,GET /data/m/&lt;movieId&gt;/&lt;minute&gt;.mpg
 * &lt;time&gt;,&lt;userId&gt;,recommendation request &lt;host:port&gt;, status &lt;code&gt;, result: &lt;ids or error&gt;, &lt;N&gt; ms
 * &lt;time&gt;,&lt;userId&gt;,GET /create_account
 * </pre>
 * This module depends on nothing but SLF4J so that the batch job, the service and the devkit can all share it.
 */
package dev.marquee.events;
