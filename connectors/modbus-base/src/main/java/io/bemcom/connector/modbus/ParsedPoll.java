package io.bemcom.connector.modbus;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed poll: the message {@code {function: {unit: {address: value}}}} of every range that
 * decoded, and one message per range that did not (it is left out, the others are kept).
 */
public record ParsedPoll(ObjectNode parsedMessage, List<String> errors) {

    public ParsedPoll {
        errors = List.copyOf(errors);
    }
}
