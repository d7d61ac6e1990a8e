package io.bemcom.protocol;

/** The outcome of decoding a payload: the message, or the error naming the offending key. */
public sealed interface Decoded<T> {

    record Valid<T>(T message) implements Decoded<T> {
    }

    record Invalid<T>(DecodeError error) implements Decoded<T> {
    }

    static <T> Decoded<T> valid(T message) {
        return new Valid<>(message);
    }

    static <T> Decoded<T> invalid(String field, String reason) {
        return new Invalid<>(new DecodeError(field, reason));
    }

    default boolean isValid() {
        return this instanceof Valid<T>;
    }

    /** The message; throws {@link IllegalStateException} when invalid. */
    default T message() {
        if (this instanceof Valid<T> valid) {
            return valid.message();
        }
        throw new IllegalStateException("invalid message: " + error());
    }

    /** The error; {@code null} when valid. */
    default DecodeError error() {
        return this instanceof Invalid<T> invalid ? invalid.error() : null;
    }
}
