package io.bemcom.protocol;

import tools.jackson.databind.node.DoubleNode;

/**
 * A JSON number with a fraction or an exponent as read from a message: a double for every
 * computation and comparison (it equals a {@link DoubleNode} of the same value), and the text it
 * was written with ({@code 1e-07}, {@code 1.50}), which {@link MessageCodec} writes again, so that
 * numbers pass through BEMCom exactly as their sender wrote them.
 */
final class ExactDoubleNode extends DoubleNode {

    private static final long serialVersionUID = 1L;

    private final String text;

    ExactDoubleNode(double value, String text) {
        super(value);
        this.text = text;
    }

    /** The number as it was written. */
    String text() {
        return text;
    }
}
