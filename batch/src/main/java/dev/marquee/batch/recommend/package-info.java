/** Recommending: every user's top-N unseen movies from a model, and the cold-start list. */
package dev.marquee.batch.recommend;
