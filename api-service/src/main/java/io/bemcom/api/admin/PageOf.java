package io.bemcom.api.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One page of a long list, with links to the other pages that keep the current filters. */
public record PageOf<T>(List<T> items, int page, int size, long total, Map<String, String> filters) {

    public static final int SIZE = 50;

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    public long first() {
        return total == 0 ? 0 : (long) (page - 1) * size + 1;
    }

    public long last() {
        return Math.min(total, (long) page * size);
    }

    /** A query-only link ({@code ?a=b&page=n}): relative to the current page, so it respects ROOT_PATH. */
    public String link(int target) {
        String query = filters.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return "?" + (query.isEmpty() ? "" : query + "&") + "page=" + target;
    }

    /** A link that sorts by {@code column} ({@code o=column}), descending when it is sorted by it already; page 1. */
    public String sortLink(String column) {
        String current = filters.getOrDefault("o", "");
        String query = filters.entrySet().stream()
                .filter(e -> !e.getKey().equals("o") && e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return "?" + (query.isEmpty() ? "" : query + "&") + "o=" + enc(current.equals(column) ? "-" + column : column);
    }

    /** " ▲" or " ▼" on the column the list is sorted by. */
    public String sortMark(String column) {
        String current = filters.getOrDefault("o", "");
        return current.equals(column) ? " \u25B2" : current.equals("-" + column) ? " \u25BC" : "";
    }

    static int clamp(Integer page) {
        return page == null || page < 1 ? 1 : page;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
