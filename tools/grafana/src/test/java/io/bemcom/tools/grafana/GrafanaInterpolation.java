package io.bemcom.tools.grafana;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana does to a SQL query of its PostgreSQL data source before the database sees it: first
 * the dashboard's template variables and the global variables ({@code $__from}, {@code $__to},
 * {@code $__interval}, {@code $__interval_ms}) in the browser, then the data source's macros
 * ({@code $__timeFilter(...)}, {@code $__timeGroupAlias(...)}, ...) in the backend, with the same
 * patterns and outputs as Grafana's PostgreSQL macro engine. Anything it does not know is an error,
 * so a dashboard cannot use an unchecked macro or an undefined variable.
 */
final class GrafanaInterpolation {

    /** A template variable's current value: one or several (multi-value or "All"). */
    record Variable(String name, List<String> values, boolean multiOrAll) {
        static Variable single(String name, String value) {
            return new Variable(name, List.of(value), false);
        }

        static Variable multi(String name, List<String> values) {
            return new Variable(name, values, true);
        }

        /** As Grafana's SQL data sources interpolate: raw when single, quoted literals joined by commas otherwise. */
        String sqlText() {
            if (!multiOrAll) {
                return values.get(0);
            }
            List<String> quoted = new ArrayList<>();
            for (String value : values) {
                quoted.add("'" + value.replace("'", "''") + "'");
            }
            return String.join(",", quoted);
        }
    }

    /** Grafana's template-variable syntax: {@code $name}, {@code [[name]]}, {@code ${name}} (with a format). */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?\\]\\]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?\\}");
    /** The PostgreSQL macro engine's pattern: the arguments cannot contain a closing parenthesis. */
    private static final Pattern MACRO = Pattern.compile("\\$([_a-zA-Z0-9]+)\\(([^)]*)\\)");
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private final Instant from;
    private final Instant to;
    private final Duration interval;
    private final boolean timescaledb;
    private final Map<String, Variable> variables;

    GrafanaInterpolation(Instant from, Instant to, Duration interval, boolean timescaledb, List<Variable> variables) {
        this.from = from;
        this.to = to;
        this.interval = interval;
        this.timescaledb = timescaledb;
        this.variables = new java.util.HashMap<>();
        for (Variable variable : variables) {
            this.variables.put(variable.name(), variable);
        }
    }

    /** The query as PostgreSQL receives it. */
    String sql(String query) {
        return macros(variables(query));
    }

    /** Grafana's interval text for a duration, as {@code $__interval} shows it ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}). */
    static String intervalText(Duration interval) {
        long ms = interval.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private String variables(String query) {
        Matcher matcher = VARIABLE.matcher(query);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = first(matcher.group(1), matcher.group(2), matcher.group(4));
            String format = first(matcher.group(3), matcher.group(6));
            String replacement = variable(name, format);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The value of a variable, or null for a name Grafana leaves alone (a macro's name). */
    private String variable(String name, String format) {
        switch (name) {
            case "__from":
                return Long.toString(from.toEpochMilli());
            case "__to":
                return Long.toString(to.toEpochMilli());
            case "__interval":
                return intervalText(interval);
            case "__interval_ms":
                return Long.toString(interval.toMillis());
            default:
                break;
        }
        Variable variable = variables.get(name);
        if (variable == null) {
            if (name.startsWith("__")) {
                return null;
            }
            throw new IllegalArgumentException("undefined variable $" + name);
        }
        if (format == null) {
            return variable.sqlText();
        }
        if (format.equals("csv")) {
            return String.join(",", variable.values());
        }
        if (format.equals("sqlstring")) {
            return Variable.multi(name, variable.values()).sqlText();
        }
        if (format.equals("raw")) {
            return String.join(",", variable.values());
        }
        throw new IllegalArgumentException("variable format " + format + " is not checked by this test");
    }

    private String macros(String query) {
        Matcher matcher = MACRO.matcher(query);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            // As Grafana: $__timeGroup directly followed by a comma means the aliased form.
            if (name.equals("__timeGroup") && query.length() > matcher.end() && query.charAt(matcher.end()) == ',') {
                name = "__timeGroupAlias";
            }
            List<String> args = new ArrayList<>();
            for (String arg : matcher.group(2).split(",", -1)) {
                args.add(arg.trim());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(macro(name, args)));
        }
        matcher.appendTail(out);
        String result = out.toString();
        if (result.contains("$__")) {
            throw new IllegalArgumentException("left unexpanded: " + result);
        }
        return result;
    }

    private String macro(String name, List<String> args) {
        String from = DateTimeFormatter.ISO_INSTANT.format(this.from);
        String to = DateTimeFormatter.ISO_INSTANT.format(this.to);
        switch (name) {
            case "__time":
                return column(name, args) + " AS \"time\"";
            case "__timeEpoch":
                return "extract(epoch from " + column(name, args) + ") as \"time\"";
            case "__timeFilter":
                return column(name, args) + " BETWEEN '" + from + "' AND '" + to + "'";
            case "__timeFrom":
                return "'" + from + "'";
            case "__timeTo":
                return "'" + to + "'";
            case "__timeGroup": {
                double seconds = groupSeconds(name, args);
                if (timescaledb) {
                    return String.format(Locale.ROOT, "time_bucket('%.3fs',%s)", seconds, args.get(0));
                }
                return "floor(extract(epoch from " + args.get(0) + ")/" + number(seconds) + ")*" + number(seconds);
            }
            case "__timeGroupAlias":
                return macro("__timeGroup", args) + " AS \"time\"";
            case "__unixEpochFilter":
                return column(name, args) + " >= " + this.from.getEpochSecond() + " AND " + args.get(0) + " <= "
                        + this.to.getEpochSecond();
            case "__unixEpochGroup": {
                double seconds = groupSeconds(name, args);
                return "floor((" + args.get(0) + ")/" + number(seconds) + ")*" + number(seconds);
            }
            case "__unixEpochGroupAlias":
                return macro("__unixEpochGroup", args) + " AS \"time\"";
            default:
                throw new IllegalArgumentException("macro $" + name + " is not checked by this test");
        }
    }

    private static String column(String name, List<String> args) {
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("missing time column argument for macro " + name);
        }
        return args.get(0);
    }

    private static double groupSeconds(String name, List<String> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("macro " + name + " needs time column and interval");
        }
        if (args.size() > 2) {
            throw new IllegalArgumentException("fill modes are not checked by this test");
        }
        Matcher m = INTERVAL.matcher(args.get(1).replace("'", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("error parsing interval " + args.get(1));
        }
        long n = Long.parseLong(m.group(1));
        long ms = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> n * 7 * 86_400_000;
        };
        return ms / 1000.0;
    }

    /** As Go's {@code %v} of a float64: no trailing {@code .0}. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

}
