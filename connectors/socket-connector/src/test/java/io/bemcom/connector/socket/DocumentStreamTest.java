package io.bemcom.connector.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.bemcom.connector.socket.DocumentStream.Segment;

/** Documents are split and joined by their content, whatever pieces the text arrives in. */
class DocumentStreamTest {

    /** A connection whose reads return exactly the given pieces, one per read. */
    private static Reader pieces(String... pieces) {
        return new Reader() {
            private int next;
            private int offset;

            @Override
            public int read(char[] buffer, int at, int length) {
                if (next == pieces.length) {
                    return -1;
                }
                String piece = pieces[next];
                int count = Math.min(length, piece.length() - offset);
                piece.getChars(offset, offset + count, buffer, at);
                offset += count;
                if (offset == piece.length()) {
                    next++;
                    offset = 0;
                }
                return count;
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<Segment> segments(DocumentFormat format, Reader connection) throws IOException {
        DocumentStream stream = new DocumentStream(format, connection, 4096);
        List<Segment> segments = new ArrayList<>();
        for (Segment segment = stream.next(); segment != null; segment = stream.next()) {
            segments.add(segment);
        }
        return segments;
    }

    private static List<String> texts(List<Segment> segments) {
        return segments.stream().map(segment -> (segment.malformed() ? "MALFORMED " : "") + segment.text().strip())
                .toList();
    }

    @Test
    void joinsAJsonDocumentSentInPiecesAndSplitsSeveralSentAtOnce() throws IOException {
        assertThat(texts(segments(DocumentFormat.JSON, pieces("{\"a\": 1}\r\n{\"b\"", ": [1, ", "2]}\n",
                "{\"c\": 3}{\"d\": {\"e\": true}}\n", "{\"f\": \"g\"}")))).containsExactly(
                "{\"a\": 1}", "{\"b\": [1, 2]}", "{\"c\": 3}", "{\"d\": {\"e\": true}}", "{\"f\": \"g\"}");
    }

    @Test
    void skipsToTheNextLineAfterAMalformedJsonDocument() throws IOException {
        assertThat(texts(segments(DocumentFormat.JSON, pieces("{\"a\": 1}\n{\"b\": 2,,}\n{\"c\": 3}\n",
                "{\"d\": 4\n", "{\"e\": 5}\n", "}\n{\"f\": 6}\n", "garbage\n{\"g\": 7}\n")))).containsExactly(
                "{\"a\": 1}",
                "MALFORMED {\"b\": 2,,}",
                "{\"c\": 3}",
                "MALFORMED {\"d\": 4",       // cut short: the next line starts over
                "{\"e\": 5}",
                "MALFORMED }",
                "{\"f\": 6}",
                "MALFORMED garbage",
                "{\"g\": 7}");
    }

    @Test
    void reportsADocumentCutOffByTheEndOfTheConnectionAsMalformed() throws IOException {
        assertThat(texts(segments(DocumentFormat.JSON, pieces("{\"a\": 1}\n{\"b\": ")))).containsExactly(
                "{\"a\": 1}", "MALFORMED {\"b\":");
    }

    @Test
    void splitsAYamlStreamAtDocumentMarkers() throws IOException {
        assertThat(texts(segments(DocumentFormat.YAML, pieces("a: 1\nb:\n", "  c: 2\n---\nd: [1, 2]\n...\n",
                "---\ne: yes\n---\nf: x\n")))).containsExactly("a: 1\nb:\n  c: 2", "d: [1, 2]", "e: yes", "f: x");
    }

    @Test
    void skipsToTheNextDocumentMarkerAfterAMalformedYamlDocument() throws IOException {
        assertThat(texts(segments(DocumentFormat.YAML, pieces("a: 1\n---\nb: [1, 2\nc: 3\n", "---\nd: 4\n"))))
                .containsExactly("a: 1", "MALFORMED ---\nb: [1, 2\nc: 3", "d: 4");
    }

    @Test
    void keepsNoMoreThanOneMegabyteForADocument() {
        String endless = "{\"a\": \"" + "x".repeat(ReceivedText.MAX_DOCUMENT_CHARS);

        assertThatThrownBy(() -> segments(DocumentFormat.JSON, new StringReader(endless)))
                .isInstanceOf(IOException.class).hasMessageContaining("longer than 1048576 characters");
    }
}
