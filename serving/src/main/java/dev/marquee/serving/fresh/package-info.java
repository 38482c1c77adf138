/**
 * Fresh answers (ADR 11): a precomputed list goes stale during the day, so the service follows the
 * platform's log. {@link dev.marquee.serving.fresh.LogFollower} (one consumer thread) reads watch
 * and rate lines into {@link dev.marquee.serving.fresh.FreshSets} (bounded: users by least recent
 * event, movies per user), from the open version's data cut ({@link dev.marquee.serving.fresh.VersionCut})
 * on; {@link dev.marquee.serving.fresh.FreshAnswers} turns a stored value into the value to send:
 * the stored bytes themselves when the user has nothing fresh, else the list without those movies,
 * filled up from the version's spares. Imports nothing of the service's other packages.
 */
package dev.marquee.serving.fresh;
