package io.bemcom.connector.socket;

import java.io.Reader;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code PARSE_AS}: how the device's text is read, and where a new document may begin after a
 * malformed one.
 */
enum DocumentFormat {

    /** JSON texts one after the other (RFC 7159 §2), with or without white space between them. */
    JSON(JsonMapper.builder().build(), 0) {
        @Override
        boolean startsDocument(CharSequence text, int lineStart) {
            return true; // after a malformed text, every line may begin the next one
        }
    },

    /**
     * A YAML 1.2 stream (Jackson's YAML module on SnakeYAML Engine): documents separated by {@code ---},
     * a document complete when the next one begins, when it ends with {@code ...}, or at the end of the
     * connection.
     */
    YAML(YAMLMapper.builder().build(), 3) {
        @Override
        boolean startsDocument(CharSequence text, int lineStart) {
            return text.length() >= lineStart + 3 && "---".contentEquals(text.subSequence(lineStart, lineStart + 3));
        }
    };

    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final int lookahead;

    DocumentFormat(ObjectMapper mapper, int lookahead) {
        this.mapper = mapper;
        this.reader = mapper.readerFor(JsonNode.class);
        this.lookahead = lookahead;
    }

    /** Characters of a line needed to judge whether it may begin a document. */
    int lookahead() {
        return lookahead;
    }

    /** The documents of a stream, one after another, as they complete. */
    MappingIterator<JsonNode> documents(Reader text) {
        return reader.readValues(text);
    }

    /** Whether the line beginning at {@code lineStart} of {@code text} may begin a document. */
    abstract boolean startsDocument(CharSequence text, int lineStart);

    /**
     * The one document {@code text} holds.
     *
     * @throws JacksonException when it is malformed or holds more than one
     */
    JsonNode parse(String text) {
        return mapper.readTree(text);
    }
}
