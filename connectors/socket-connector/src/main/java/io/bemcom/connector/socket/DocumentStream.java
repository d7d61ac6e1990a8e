package io.bemcom.connector.socket;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * The documents a device sends on one connection, split and joined by their content, not by how
 * the text arrived: a document may come in many reads, and one read may hold many documents. Each
 * is handed on as its own text. A malformed document is handed on too, as the text from its start
 * to where a new document may begin ({@link DocumentFormat#startsDocument}), and reading goes on
 * there with a fresh parser.
 */
final class DocumentStream {

    /** The text of one document, or of a stretch that held no well-formed one. */
    record Segment(String text, boolean malformed, String problem) {
    }

    private final DocumentFormat format;
    private final ReceivedText received;
    private MappingIterator<JsonNode> documents;
    private long parserStart;   // where the current parser began reading
    private long documentStart; // where the next document's text begins

    DocumentStream(DocumentFormat format, Reader connection, int chunk) {
        this.format = format;
        this.received = new ReceivedText(connection, chunk);
    }

    /**
     * The next document or malformed stretch, once it is complete; {@code null} when the connection
     * ended. Blocks while the device sends nothing.
     *
     * @throws IOException when reading the connection fails (a timeout, a reset, a document too long)
     */
    Segment next() throws IOException {
        long start = -1;
        try {
            if (documents == null) {
                documents = format.documents(received.from(parserStart)); // reads up to the first token
            }
            JsonParser parser = documents.parser();
            if (!documents.hasNextValue()) {
                return null;
            }
            start = parserStart + parser.currentTokenLocation().getCharOffset();
            documents.nextValue();
            long end = parserStart + parser.currentLocation().getCharOffset();
            String text = received.text(start, end);
            documentStart = end;
            received.forgetBefore(end);
            return new Segment(text, false, null);
        } catch (JacksonIOException e) {
            throw e.getCause() != null ? e.getCause() : new IOException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (JacksonException e) {
            return malformed(e, start);
        }
    }

    /**
     * The stretch from the malformed document to the first line after its first token, and not
     * before the line of the error, where a document may begin; reading starts over there.
     */
    private Segment malformed(JacksonException e, long start) throws IOException {
        TokenStreamLocation location = e.getLocation() != null ? e.getLocation() : documents.parser().currentLocation();
        long errorAt = parserStart + Math.max(0, location.getCharOffset());
        long resume = received.nextDocumentStart(format, Math.max(parserStart, start >= 0 ? start : errorAt), errorAt);
        String text = received.text(documentStart, resume);
        documents = null;
        parserStart = resume;
        documentStart = resume;
        received.forgetBefore(resume);
        return new Segment(text, true, e.getOriginalMessage());
    }
}
