/**
 * Public rating data sets (MovieTweetings, MovieLens 100k / 1M / ratings.csv) read into one shape
 * ({@link dev.marquee.devkit.replay.RatingsDataset}), turned into platform log lines in time order
 * ({@link dev.marquee.devkit.replay.DatasetLog}, optionally with viewing sessions of watch events before ratings:
 * {@link dev.marquee.devkit.replay.WatchSessions}) and produced into a Kafka topic
 * ({@link dev.marquee.devkit.replay.TopicProducer}, optionally paced by {@link dev.marquee.devkit.replay.Pacer}).
 */
package dev.marquee.devkit.replay;
