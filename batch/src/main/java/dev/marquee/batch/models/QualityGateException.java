package dev.marquee.batch.models;

/** The new model is worse than the serving one by more than the margin; nothing is published. */
public final class QualityGateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QualityGateException(String reason) {
        super("quality gate: " + reason);
    }
}
