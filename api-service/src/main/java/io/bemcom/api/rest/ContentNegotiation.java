package io.bemcom.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.bemcom.api.json.Json;

/**
 * DRF's content negotiation ({@code DefaultContentNegotiation.select_renderer}): which of a
 * route's renderers answers a request. {@code ?format=} keeps the renderers of that format (none:
 * 404); then the {@code Accept} entries are tried from the most specific ({@code type/sub; p=v}) to
 * the least ({@code *}{@code /*}), each against the renderers in order; {@code q} is ignored, as DRF
 * ignores it. Nothing acceptable: 406. No {@code Accept} header counts as {@code *}{@code /*}.
 */
public final class ContentNegotiation {

    /** A way a route can answer: its media type and its {@code ?format=} name. */
    public record Renderer(String mediaType, String format) {
    }

    public static final Renderer JSON = new Renderer("application/json", "json");
    public static final List<Renderer> API = List.of(JSON);
    public static final List<Renderer> TEXT = List.of(new Renderer("text/plain", "txt"));
    public static final List<Renderer> HTML = List.of(new Renderer("text/html", "html"));
    /** The live push's event stream; its errors are JSON. */
    public static final List<Renderer> EVENT_STREAM = List.of(new Renderer("text/event-stream", "sse"), JSON);
    /** {@code /schema/}, as drf-spectacular's schema view: YAML first, then JSON. */
    public static final List<Renderer> OPENAPI = List.of(new Renderer("application/vnd.oai.openapi", "yaml"),
            new Renderer("application/yaml", "yaml"), new Renderer("application/vnd.oai.openapi+json", "json"), JSON);

    /** The request attribute that holds the chosen {@link Renderer}. */
    public static final String CHOSEN = ContentNegotiation.class.getName() + ".chosen";

    private ContentNegotiation() {
    }

    /**
     * The renderer for a request, or an {@link ApiException}: 404 for a {@code format} no renderer
     * has, 406 when no renderer matches {@code accept}.
     */
    public static Renderer select(List<Renderer> renderers, String format, String accept) {
        List<Renderer> candidates = renderers;
        if (format != null && !format.isEmpty()) {
            candidates = renderers.stream().filter(r -> r.format().equals(format)).toList();
            if (candidates.isEmpty()) {
                throw ApiException.notFound();
            }
        }
        List<List<MediaRange>> byPrecedence = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byPrecedence.add(new ArrayList<>());
        }
        for (String entry : (accept == null ? "*/*" : accept).split(",", -1)) {
            MediaRange range = MediaRange.parse(entry.strip());
            byPrecedence.get(3 - range.precedence()).add(range);
        }
        for (List<MediaRange> ranges : byPrecedence) {
            for (Renderer renderer : candidates) {
                MediaRange offered = MediaRange.parse(renderer.mediaType());
                if (ranges.stream().anyMatch(offered::matches)) {
                    return renderer;
                }
            }
        }
        throw new ApiException(406, Json.detail("Could not satisfy the request Accept header."));
    }

    /** One entry of an Accept header (DRF's {@code _MediaType}). */
    private record MediaRange(String type, String subtype, List<String> parameters) {

        static MediaRange parse(String text) {
            String[] parts = text.split(";");
            String full = parts[0].strip().toLowerCase(Locale.ROOT);
            int slash = full.indexOf('/');
            String type = slash < 0 ? full : full.substring(0, slash);
            String subtype = slash < 0 ? "" : full.substring(slash + 1);
            List<String> parameters = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                String name = parts[i].split("=", 2)[0].strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    parameters.add(name);
                }
            }
            return new MediaRange(type, subtype, parameters);
        }

        /** 3: with parameters other than q; 2: type/subtype; 1: type/*; 0: the wildcard. */
        int precedence() {
            if (type.equals("*")) {
                return 0;
            }
            if (subtype.equals("*")) {
                return 1;
            }
            return parameters.stream().allMatch("q"::equals) ? 2 : 3;
        }

        /** Whether this offered type satisfies {@code accepted} (wildcards on either side). */
        boolean matches(MediaRange accepted) {
            boolean subtypeOk = subtype.equals("*") || accepted.subtype.equals("*") || accepted.subtype.equals(subtype);
            boolean typeOk = type.equals("*") || accepted.type.equals("*") || accepted.type.equals(type);
            return subtypeOk && typeOk;
        }
    }
}
