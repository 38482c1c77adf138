/**
 * Holdouts: the global time cut ({@link dev.marquee.batch.eval.holdout.TimeCut}, ADR 9) that splits
 * the events into train and test ({@link dev.marquee.batch.eval.holdout.Split}), and the protocol
 * record that says how a run judged its candidates.
 */
package dev.marquee.batch.eval.holdout;
