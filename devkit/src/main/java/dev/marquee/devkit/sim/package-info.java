/**
 * A platform simulator at full scale: up to a million users and tens of thousands of movies, with latent tastes,
 * heavy-tailed popularity and activity, new accounts over time, minute-by-minute viewing sessions, ratings after
 * some viewings, recommendation-request lines and a configurable share of garbage. Generated day by day and
 * streamed, so memory is bounded by one day of events; deterministic for a seed. Sinks: files or a Kafka topic.
 */
package dev.marquee.devkit.sim;
