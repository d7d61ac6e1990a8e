package io.bemcom.api.rest;

import java.util.Optional;

/**
 * The first syntax error in a JSON text, worded and placed as Python's {@code json} module
 * reports it (what DRF's JSON parser quotes after "JSON parse error - "), e.g.
 * {@code Expecting value: line 1 column 11 (char 10)}. Bare {@code NaN}/{@code Infinity} are errors, as
 * with DRF's strict parser. Positions count characters (code points), as Python's string indices do.
 */
public final class PythonJsonSyntax {

    private final String text;

    private PythonJsonSyntax(String text) {
        this.text = text;
    }

    /** Python's message for the first error in {@code text}, or empty when Python would accept it. */
    public static Optional<String> firstError(String text) {
        PythonJsonSyntax scanner = new PythonJsonSyntax(text);
        try {
            if (text.startsWith("\uFEFF")) {
                throw scanner.error("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
            }
            int end = scanner.skipWhitespace(scanner.value(scanner.skipWhitespace(0)));
            if (end != text.length()) {
                throw scanner.error("Extra data", end);
            }
            return Optional.empty();
        } catch (SyntaxError error) {
            return Optional.of(error.getMessage());
        }
    }

    /** Ends the scan; the message is Python's, with its line, column and character index. */
    private static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private SyntaxError error(String message, int index) {
        int position = text.codePointCount(0, index);
        int lineStart = text.lastIndexOf('\n', index - 1);
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
            line++;
        }
        int column = lineStart < 0 ? position + 1 : text.codePointCount(lineStart, index);
        return new SyntaxError(message + ": line " + line + " column " + column + " (char " + position + ")");
    }

    private static SyntaxError constant(String name) {
        return new SyntaxError("Out of range float values are not JSON compliant: '" + name + "'");
    }

    private int skipWhitespace(int index) {
        while (index < text.length() && " \t\n\r".indexOf(text.charAt(index)) >= 0) {
            index++;
        }
        return index;
    }

    private boolean at(int index, String word) {
        return text.startsWith(word, index);
    }

    /** Scans one value starting exactly at {@code index}; returns the index after it. */
    private int value(int index) {
        if (index >= text.length()) {
            throw error("Expecting value", index);
        }
        char c = text.charAt(index);
        switch (c) {
            case '"':
                return string(index);
            case '{':
                return object(index + 1);
            case '[':
                return array(index + 1);
            default:
                break;
        }
        if (at(index, "null") || at(index, "true")) {
            return index + 4;
        }
        if (at(index, "false")) {
            return index + 5;
        }
        if (at(index, "NaN")) {
            throw constant("NaN");
        }
        if (at(index, "Infinity")) {
            throw constant("Infinity");
        }
        if (at(index, "-Infinity")) {
            throw constant("-Infinity");
        }
        return number(index);
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?}; what follows the match is left to the caller. */
    private int number(int start) {
        int index = start;
        if (index < text.length() && text.charAt(index) == '-') {
            index++;
        }
        if (index < text.length() && text.charAt(index) >= '1' && text.charAt(index) <= '9') {
            index = digits(index);
        } else if (index < text.length() && text.charAt(index) == '0') {
            index++;
        } else {
            throw error("Expecting value", start);
        }
        if (index + 1 < text.length() && text.charAt(index) == '.' && isDigit(index + 1)) {
            index = digits(index + 1);
        }
        if (index < text.length() && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
            int exponent = index + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (isDigit(exponent)) {
                index = digits(exponent);
            }
        }
        return index;
    }

    private boolean isDigit(int index) {
        return index < text.length() && text.charAt(index) >= '0' && text.charAt(index) <= '9';
    }

    private int digits(int index) {
        while (isDigit(index)) {
            index++;
        }
        return index;
    }

    /** A string whose opening quote is at {@code begin}; returns the index after the closing quote. */
    private int string(int begin) {
        int index = begin + 1;
        while (true) {
            if (index >= text.length()) {
                throw error("Unterminated string starting at", begin);
            }
            char c = text.charAt(index);
            if (c == '"') {
                return index + 1;
            }
            if (c < 0x20) {
                throw error("Invalid control character at", index);
            }
            if (c == '\\') {
                if (index + 1 >= text.length()) {
                    throw error("Unterminated string starting at", begin);
                }
                char escape = text.charAt(index + 1);
                if (escape == 'u') {
                    if (index + 6 > text.length() || !isHex(text.substring(index + 2, index + 6))) {
                        throw error("Invalid \\uXXXX escape", index + 1);
                    }
                    index += 6;
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(escape) < 0) {
                    throw error("Invalid \\escape", index);
                }
                index += 2;
                continue;
            }
            index++;
        }
    }

    private static boolean isHex(String four) {
        return four.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80);
    }

    /** The members of an object whose opening brace is just before {@code index}. */
    private int object(int index) {
        index = skipWhitespace(index);
        if (index < text.length() && text.charAt(index) == '}') {
            return index + 1;
        }
        while (true) {
            if (index >= text.length() || text.charAt(index) != '"') {
                throw error("Expecting property name enclosed in double quotes", index);
            }
            index = skipWhitespace(string(index));
            if (index >= text.length() || text.charAt(index) != ':') {
                throw error("Expecting ':' delimiter", index);
            }
            index = skipWhitespace(value(skipWhitespace(index + 1)));
            if (index < text.length() && text.charAt(index) == '}') {
                return index + 1;
            }
            if (index >= text.length() || text.charAt(index) != ',') {
                throw error("Expecting ',' delimiter", index);
            }
            index = skipWhitespace(index + 1);
        }
    }

    /** The elements of an array whose opening bracket is just before {@code index}. */
    private int array(int index) {
        index = skipWhitespace(index);
        if (index < text.length() && text.charAt(index) == ']') {
            return index + 1;
        }
        while (true) {
            index = skipWhitespace(value(index));
            if (index < text.length() && text.charAt(index) == ']') {
                return index + 1;
            }
            if (index >= text.length() || text.charAt(index) != ',') {
                throw error("Expecting ',' delimiter", index);
            }
            index = skipWhitespace(index + 1);
        }
    }
}
