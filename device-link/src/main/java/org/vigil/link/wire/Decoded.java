package org.vigil.link.wire;

/** The outcome of decoding one payload: a value, or a reason to drop it. Never an exception. */
public sealed interface Decoded<T> {

    record Ok<T>(T value) implements Decoded<T> {
    }

    /** {@code device} is the payload's device id when it could be read, else null. */
    record Rejected<T>(RejectReason reason, String detail, String device) implements Decoded<T> {
    }

    /** An empty retained payload: the sender cleared the topic. Not bad input. */
    record Cleared<T>() implements Decoded<T> {
    }
}
