/**
 * Public rating data sets (MovieTweetings, MovieLens 100k / 1M / ratings.csv) read into one shape
 * ({@link dev.marquee.devkit.replay.RatingsDataset}), turned into platform log lines in time order
 * ({@link dev.marquee.devkit.replay.DatasetLog}) and produced into a Kafka topic
 * ({@link dev.marquee.devkit.replay.TopicProducer}).
 */
package dev.marquee.devkit.replay;
