/**
 * The runnable nightly app, the {@code marquee-batch} image's command ({@link
 * dev.marquee.apps.nightly.NightlyMain}): {@code batch} (one nightly run of {@code batch}'s job,
 * then {@code deploy}'s rollout check when in a cluster), and the store's housekeeping
 * ({@code models}, {@code rollback}, {@code prune}, the hidden {@code sample-store}). Also
 * {@link dev.marquee.apps.nightly.ConfigOverrides}, the {@code --set key=value} option every
 * command shares. The developer's {@code ./marquee} registers these same commands.
 */
package dev.marquee.apps.nightly;
