/**
 * Online evaluation from the stream: each answer the service recorded (lake/answers) joined with
 * what the same user watched or rated in the window after it (lake/events), per store version, arm
 * and day: hit rate, position of the first hit, minutes watched of recommended movies, cold-start
 * share, latency and status. Written to lake/online, the version's lineage and its evaluation page;
 * run by the nightly job after ingestion and alone by {@code marquee online}.
 */
package dev.marquee.batch.online;
