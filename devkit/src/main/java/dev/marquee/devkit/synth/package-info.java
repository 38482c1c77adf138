/**
 * A synthetic platform with learnable tastes: generated movies and users with latent taste vectors, heavy-tailed
 * popularity and activity, and a time-ordered log of account, watch and rate events. Deterministic for a seed;
 * the ground truth is exposed so tests can check that a model learns it.
 */
package dev.marquee.devkit.synth;
