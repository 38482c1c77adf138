/**
 * The candidate models as plug-ins ({@link dev.marquee.batch.models.Recommender}): all-time and
 * time-decayed popularity, item-to-item kNN, EASE and implicit ALS. {@link
 * dev.marquee.batch.candidates.Registry} builds the configured ones from {@code reference.conf}.
 */
package dev.marquee.batch.candidates;
