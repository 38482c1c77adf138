/**
 * Choosing what to publish: every candidate model is trained on the time-based holdout's training
 * part and scored on its test part; the best by NDCG@K is refitted on all data and published,
 * provided the quality gate lets it through.
 */
package dev.marquee.batch.models;
