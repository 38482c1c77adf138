/**
 * What the tests of the modules above store and devkit share, used in test scope only:
 * {@link dev.marquee.testkit.StoreFixture} (small store versions on disk),
 * {@link dev.marquee.testkit.Http} and {@link dev.marquee.testkit.Await} (HTTP over TCP, bounded
 * waits), {@link dev.marquee.testkit.KafkaExtension} (a real KRaft broker per test class and a
 * reader of what reached a topic), {@link dev.marquee.testkit.SparkExtension} (a local Spark
 * session per test class), {@link dev.marquee.testkit.SparkHome} and
 * {@link dev.marquee.testkit.LocalSparkCluster} (a Spark standalone master and workers on 127.0.0.1,
 * child JVMs running from a Spark home built of a distribution's jars) and
 * {@link dev.marquee.testkit.BatchSettings} (the batch config with a test's overrides) and
 * {@link dev.marquee.testkit.PromProcess} (a real Prometheus or Pushgateway process on 127.0.0.1, and
 * promtool runs). Store's and devkit's own tests cannot use it: it depends on both.
 */
package dev.marquee.testkit;
