/**
 * The platform simulator: one rating and taste model ({@link dev.marquee.devkit.sim.World}: catalogue with
 * generated titles and genres, latent tastes, biases, heavy-tailed popularity; also the ground truth tests check
 * models against) and the logs drawn from it.
 *
 * <ul>
 *   <li>{@link dev.marquee.devkit.sim.Simulator} at full scale ({@link dev.marquee.devkit.sim.SimConfig}): up to a
 *       million users and tens of thousands of movies, heavy-tailed activity, new accounts over time,
 *       minute-by-minute viewing sessions, ratings after some viewings, recommendation-request lines and a
 *       configurable share of garbage. Generated day by day and streamed, so memory is bounded by one day of
 *       events. {@link dev.marquee.devkit.sim.Simulation} runs it into files or a Kafka topic
 *       ({@code marquee simulate}).</li>
 *   <li>{@link dev.marquee.devkit.sim.SyntheticPlatform}, the small preset ({@link dev.marquee.devkit.sim.SynthConfig};
 *       the demo's is {@code SynthConfig.defaults()}): a few thousand users who each rate a heavy-tailed number of
 *       distinct movies they pick by popularity and taste, generated in memory (used by {@code marquee demo},
 *       {@code marquee replay} without a dataset, and tests).</li>
 *   <li>{@link dev.marquee.devkit.sim.ReactingLog}: a world's users who ask a running service for recommendations
 *       ({@link dev.marquee.devkit.sim.ReactConfig}) and watch what they are shown with a probability given by their
 *       hidden tastes ({@link dev.marquee.devkit.sim.ReactionModel}), otherwise as in the simulator, on a simulated
 *       clock kept consistent with the service's real one. {@link dev.marquee.devkit.sim.Reacting} runs them into
 *       the log topic ({@code marquee simulate --react}, the demo).</li>
 * </ul>
 * Everything is deterministic for a seed (the reacting users' lines also depend on the service's answers and on
 * real time).
 */
package dev.marquee.devkit.sim;
