package io.bemcom.api.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;

import io.bemcom.api.json.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a POST or PUT, read as DRF's default parsers read it: JSON
 * ({@code application/json}), a form ({@code application/x-www-form-urlencoded}) or multipart
 * ({@code multipart/form-data}), both through {@link FormFields}. Any other content type with a
 * body is 415 {@code Unsupported media type "text/plain" in request.}; an empty body is an
 * empty object. Controllers read the body only where the original does, so a missing datapoint
 * is still 404 whatever the body.
 */
public final class RequestBodies {

    /** What the route takes: one object, or a list of them (DRF {@code many=True}). */
    public enum Shape { OBJECT, LIST }

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RequestBodies() {
    }

    public static JsonNode object(HttpServletRequest request) {
        return read(request, Shape.OBJECT);
    }

    public static JsonNode list(HttpServletRequest request) {
        return read(request, Shape.LIST);
    }

    private static JsonNode read(HttpServletRequest request, Shape shape) {
        String contentType = request.getContentType();
        MediaType type = mediaType(contentType);
        if (type != null && type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)
                && type.getSubtype().equals("form-data")) {
            return form(multipartFields(request), shape);
        }
        byte[] body = bytes(request);
        boolean form = type != null && type.getType().equals("application")
                && type.getSubtype().equals("x-www-form-urlencoded");
        if (form) {
            return form(urlencodedFields(new String(body, StandardCharsets.UTF_8)), shape);
        }
        if (body.length == 0) {
            return Json.object();
        }
        if (type == null || !type.getType().equals("application") || !type.getSubtype().equals("json")) {
            throw new ApiException(415, Json.detail("Unsupported media type \"" + (contentType == null ? ""
                    : contentType) + "\" in request."));
        }
        return json(utf8(body));
    }

    /** Parses a JSON body; bare NaN/Infinity are refused, like DRF's strict parser, with Python's message. */
    private static JsonNode json(String text) {
        try {
            return STRICT.readTree(text);
        } catch (JacksonException e) {
            String reason = PythonJsonSyntax.firstError(text)
                    .orElse("the body exceeds a limit of the JSON parser (nesting depth, or length of a number or text)");
            throw parseError(reason);
        }
    }

    private static ApiException parseError(String reason) {
        return new ApiException(400, Json.detail("JSON parse error - " + reason));
    }

    private static JsonNode form(Map<String, List<String>> fields, Shape shape) {
        return shape == Shape.LIST ? FormFields.list(fields) : FormFields.object(fields);
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] bytes(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ApiException(400, Json.detail("The request body could not be read: " + e.getMessage()));
        }
    }

    /** UTF-8, strictly: a malformed byte is a parse error worded as Python's codec words it. */
    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int position = in.position();
            int first = body[position] & 0xFF;
            String why = first < 0xC2 || first > 0xF4 ? "invalid start byte"
                    : position + result.length() >= body.length ? "unexpected end of data" : "invalid continuation byte";
            throw parseError(String.format(Locale.ROOT, "'utf-8' codec can't decode byte 0x%02x in position %d: %s",
                    first, position, why));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * {@code a=1&b=2} (a form body or a query string): names and values percent-decoded as UTF-8,
     * {@code +} a space, a name without {@code =} empty; every value of a name, in order.
     */
    public static Map<String, List<String>> urlencodedFields(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text.replace('+', ' '); // a stray '%': kept as it is, as Python's unquote keeps it
        }
    }

    /** The text parts of a multipart body (files are not fields of any of our bodies). */
    private static Map<String, List<String>> multipartFields(HttpServletRequest request) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        try {
            for (Part part : request.getParts()) {
                if (part.getSubmittedFileName() != null) {
                    continue;
                }
                try (InputStream in = part.getInputStream()) {
                    fields.computeIfAbsent(part.getName(), k -> new ArrayList<>())
                            .add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalStateException e) {
            throw new ApiException(400, Json.detail("Multipart form parse error - the body is larger than allowed."));
        } catch (IOException | ServletException e) {
            throw new ApiException(400, Json.detail("Multipart form parse error - the body is not valid multipart/form-data."));
        }
        return fields;
    }
}
