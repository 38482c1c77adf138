/** Training: the view of the events a model learns from, and the ALS model itself. */
package dev.marquee.batch.train;
