package io.bemcom.connector.socket;

import java.io.IOException;
import java.io.Reader;

/**
 * The text received on a connection, kept from the start of the document being read, so that a
 * document's own text (its raw message) can be cut out of it by position, and reading can start over
 * at an earlier position after a malformed document. Positions count characters from the start of
 * the connection.
 */
final class ReceivedText {

    /** The longest text kept for one document; a longer one ends the connection. */
    static final int MAX_DOCUMENT_CHARS = 1 << 20;

    private final Reader source;
    private final char[] chunk;
    private final StringBuilder kept = new StringBuilder();
    private long base;      // position of kept[0]
    private boolean ended;

    ReceivedText(Reader source, int chunk) {
        this.source = source;
        this.chunk = new char[chunk];
    }

    /** A reader of the text from {@code position} on; what it reads is kept. */
    Reader from(long position) {
        return new Reader() {
            private long next = position;

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (next >= end() && !receive()) {
                    return -1;
                }
                int count = (int) Math.min(length, end() - next);
                kept.getChars((int) (next - base), (int) (next - base) + count, buffer, offset);
                next += count;
                return count;
            }

            @Override
            public void close() {
                // the connection is closed by its owner
            }
        };
    }

    /** Reads the next chunk from the connection; false at its end. */
    private boolean receive() throws IOException {
        if (ended) {
            return false;
        }
        int count = source.read(chunk);
        if (count < 0) {
            ended = true;
            return false;
        }
        if (kept.length() + count > MAX_DOCUMENT_CHARS) {
            throw new IOException("a document is longer than " + MAX_DOCUMENT_CHARS + " characters");
        }
        kept.append(chunk, 0, count);
        return true;
    }

    private long end() {
        return base + kept.length();
    }

    /** The text from {@code start} to {@code end}. */
    String text(long start, long end) {
        return kept.substring((int) (start - base), (int) (end - base));
    }

    /** Forgets the text before {@code position}. */
    void forgetBefore(long position) {
        kept.delete(0, (int) (position - base));
        base = position;
    }

    /**
     * The first position after {@code after}, and not before the line holding {@code notBefore}, where
     * a line begins that {@code format} accepts as the start of a document; receives more text while
     * none is there. The end of the text when the connection ends first.
     */
    long nextDocumentStart(DocumentFormat format, long after, long notBefore) throws IOException {
        long position = Math.max(after + 1, lineStart(Math.min(notBefore, end())));
        while (true) {
            while (position + format.lookahead() > end() && receive()) {
                // the character before the position and the format's look-ahead are needed to judge it
            }
            if (position > end()) {
                return end(); // the connection ended
            }
            int index = (int) (position - base);
            if (kept.charAt(index - 1) == '\n' && format.startsDocument(kept, index)) {
                return position;
            }
            position++;
        }
    }

    private long lineStart(long position) {
        int index = (int) (position - base);
        while (index > 0 && kept.charAt(index - 1) != '\n') {
            index--;
        }
        return base + index;
    }
}
