/**
 * The batch job's configuration records, parsed once from {@code marquee.batch} and validated:
 * {@link dev.marquee.batch.config.BatchConfig} and its parts (run expectations, ALS, the candidate
 * models' settings, the neural ranker's parameters). This package sits at the bottom: it imports
 * nothing of the job, only the JDK and Typesafe config.
 */
package dev.marquee.batch.config;
