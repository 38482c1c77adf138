/**
 * A/B tests between a version's arms: each arm's online hit rate with a confidence interval, and
 * whether it differs from the main lists' by more than chance.
 */
package dev.marquee.batch.ab;
