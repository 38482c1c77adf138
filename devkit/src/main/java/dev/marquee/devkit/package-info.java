/**
 * Development tools that feed Marquee: an in-process Kafka broker ({@code broker}), reading public rating data
 * sets and replaying them as platform log lines into a topic ({@code replay}), and a synthetic platform with
 * learnable tastes ({@code synth}). None of this is on the serving path.
 */
package dev.marquee.devkit;
