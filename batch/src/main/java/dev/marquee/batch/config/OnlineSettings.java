package dev.marquee.batch.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The answers topic and online evaluation ({@code marquee.batch.kafka.answers-topic},
 * {@code marquee.batch.online.*}).
 *
 * @param answersTopic the service's answer records; empty: not ingested
 * @param enabled whether the nightly run evaluates online after ingestion
 * @param window how long after an answer a watch or rating of one of its movies counts as a hit
 */
public record OnlineSettings(String answersTopic, boolean enabled, Duration window) {

    public OnlineSettings {
        answersTopic = answersTopic == null ? "" : answersTopic.trim();
        BatchConfig.require(window != null && !window.isNegative() && !window.isZero(), "online.window must be positive");
    }

    /** Reads the keys from the {@code marquee.batch} block. */
    static OnlineSettings load(Config batch) {
        return new OnlineSettings(batch.getString("kafka.answers-topic"), batch.getBoolean("online.enabled"),
                batch.getDuration("online.window"));
    }

    /** Whether an answers topic is configured. */
    public boolean ingestsAnswers() {
        return !answersTopic.isEmpty();
    }
}
