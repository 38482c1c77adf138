/**
 * The nightly job's figures for Prometheus: {@link dev.marquee.batch.metrics.NightFigures} collects
 * them while a run goes (rows, NDCG, outcome, duration, and hooks for online hit rates, drift
 * statistics and A/B intervals), {@link dev.marquee.batch.metrics.Pushgateway} pushes them at the end of
 * every run, published or not, when {@code marquee.batch.metrics.pushgateway} names a gateway. Depends
 * on nothing else of the job. Metric names: docs/metrics.md.
 */
package dev.marquee.batch.metrics;
