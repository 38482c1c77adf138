/**
 * Development tools that feed Marquee: an in-process Kafka broker ({@code broker}), reading public rating data
 * sets and replaying them as platform log lines into a topic ({@code replay}), and the platform simulator with
 * learnable tastes ({@code sim}: the scale simulator behind {@code marquee simulate} and the small preset behind
 * the demo). None of this is on the serving path.
 */
package dev.marquee.devkit;
